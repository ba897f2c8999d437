import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Admin settings of one market-data provider. Token and base URL are stored encrypted
 * (AES-256-GCM, key derived from DATA_SECRET_KEY; see common/secret-box.ts) and never returned.
 * Environment variables (TUSHARE_TOKEN, TUSHARE_BASE_URL, AKTOOLS_URL) win over these values.
 */
@Entity('data_source_settings')
export class DataSourceSettingRow {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  name: string;

  /** null = automatic: on when configured (Tushare token / AKTools URL; demo per DEMO_PROVIDER_ENABLED). */
  @Column({ type: 'boolean', nullable: true })
  enabled: boolean | null;

  /** 1 = tried first; null = default order. */
  @Column({ type: 'int', nullable: true })
  priority: number | null;

  @Column({ name: 'token_enc', type: 'text', nullable: true })
  tokenEnc: string | null;

  @Column({ name: 'base_url_enc', type: 'text', nullable: true })
  baseUrlEnc: string | null;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @Column({ name: 'updated_by', type: 'uuid', nullable: true })
  updatedBy: string | null;
}
