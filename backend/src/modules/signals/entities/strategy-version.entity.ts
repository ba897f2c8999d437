import { Check, Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * A strategy's parameter set, versioned: every change of the parameters (or a data revision that
 * would change already published signals) creates version n+1; the latest version is the active
 * one. Rows are never updated, so every published signal keeps pointing at the parameters it was
 * computed with.
 */
@Entity('strategy_versions')
@Check('ck_strategy_versions_version', `"version" >= 0`)
export class StrategyVersionRow {
  @PrimaryColumn({ name: 'strategy_id', type: 'varchar', length: 32 })
  strategyId: string;

  @PrimaryColumn({ type: 'int' })
  version: number;

  /** The full, resolved parameters (defaults merged), so a version never depends on code defaults. */
  @Column({ type: 'jsonb' })
  params: Record<string, unknown>;

  /** `default`, `params`, or `data revision <date>`. */
  @Column({ type: 'varchar', length: 200, default: '' })
  note: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;
}
