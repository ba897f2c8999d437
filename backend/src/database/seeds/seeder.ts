/** A start-up seed. Must be idempotent: it runs on every start, under a cluster-wide lock. */
export interface Seeder {
  readonly name: string;
  /** Demo seeds run only when DEMO_DATA is on (the embedded default). */
  readonly demoOnly: boolean;
  run(): Promise<void>;
}
