import { fenToYuan, yuanToFen, type VipLevelAdmin, type VipLevelUpdate } from '@zhice/shared';

/** Limits of PUT /admin/vip-levels/:level (mirrors the server's DTO; the server stays the judge). */
export const LEVEL_LIMITS = {
  nameMax: 32,
  quotaMin: 1,
  quotaMax: 100_000,
  priceFenMax: 100_000_000,
  descriptionMax: 500,
  strategyPattern: /^[a-z][a-z0-9_]{1,31}$/,
} as const;

/** The free level: always enabled and free. */
export const FREE_LEVEL = 0;

/** One level as edited on screen: quota with an "unlimited" switch, price in yuan. */
export interface LevelForm {
  name: string;
  unlimited: boolean;
  /** the quota input (ignored while `unlimited`) */
  stockQuota: number | null;
  /** price of the 3-month term in yuan, as typed (`299`, `299.9`, `299.00`) */
  priceYuan: string;
  enabled: boolean;
  description: string;
  /** English forms ('' = the app shows the Chinese one) */
  nameEn: string;
  descriptionEn: string;
  strategyId: string;
}

export type LevelField = 'name' | 'stockQuota' | 'priceYuan' | 'enabled' | 'description' | 'nameEn' | 'descriptionEn' | 'strategyId';

/** An i18n key (under `vipLevels.rules`) with its parameters. */
export interface RuleMessage {
  key: string;
  params?: Record<string, number | string>;
}
export type LevelErrors = Partial<Record<LevelField, RuleMessage>>;

const YUAN = /^\d+(\.\d{1,2})?$/;

export function toLevelForm(level: VipLevelAdmin): LevelForm {
  return {
    name: level.name,
    unlimited: level.stockQuota === null,
    stockQuota: level.stockQuota,
    priceYuan: fenToYuan(level.priceFen),
    enabled: level.enabled,
    description: level.description,
    nameEn: level.nameEn ?? '',
    descriptionEn: level.descriptionEn ?? '',
    strategyId: level.strategyId,
  };
}

/** The price in fen, or null when the text is not a yuan amount (≥ 0, at most 2 decimals). */
export function parsePriceFen(priceYuan: string): number | null {
  const s = priceYuan.trim();
  if (!YUAN.test(s)) return null;
  return yuanToFen(s);
}

/** Client-side checks, the same as the server's (plus: level 0 stays enabled and free). */
export function validateLevelForm(level: number, form: LevelForm): LevelErrors {
  const errors: LevelErrors = {};
  const name = form.name.trim();
  if (!name) errors.name = { key: 'nameRequired' };
  else if (name.length > LEVEL_LIMITS.nameMax) errors.name = { key: 'nameTooLong', params: { max: LEVEL_LIMITS.nameMax } };

  if (!form.unlimited) {
    const q = form.stockQuota;
    if (q === null || q === undefined || Number.isNaN(q)) errors.stockQuota = { key: 'quotaRequired' };
    else if (!Number.isInteger(q) || q < LEVEL_LIMITS.quotaMin || q > LEVEL_LIMITS.quotaMax) {
      errors.stockQuota = { key: 'quotaRange', params: { min: LEVEL_LIMITS.quotaMin, max: LEVEL_LIMITS.quotaMax } };
    }
  }

  const fen = parsePriceFen(form.priceYuan);
  if (form.priceYuan.trim() === '') errors.priceYuan = { key: 'priceRequired' };
  else if (fen === null) errors.priceYuan = { key: 'priceFormat' };
  else if (fen > LEVEL_LIMITS.priceFenMax) errors.priceYuan = { key: 'priceTooHigh', params: { max: fenToYuan(LEVEL_LIMITS.priceFenMax) } };
  else if (level === FREE_LEVEL && fen !== 0) errors.priceYuan = { key: 'freeLevelPrice' };

  if (level === FREE_LEVEL && !form.enabled) errors.enabled = { key: 'freeLevelEnabled' };

  if (form.description.length > LEVEL_LIMITS.descriptionMax) {
    errors.description = { key: 'descriptionTooLong', params: { max: LEVEL_LIMITS.descriptionMax } };
  }
  if (form.nameEn.trim().length > LEVEL_LIMITS.nameMax) errors.nameEn = { key: 'nameTooLong', params: { max: LEVEL_LIMITS.nameMax } };
  if (form.descriptionEn.length > LEVEL_LIMITS.descriptionMax) {
    errors.descriptionEn = { key: 'descriptionTooLong', params: { max: LEVEL_LIMITS.descriptionMax } };
  }
  if (!LEVEL_LIMITS.strategyPattern.test(form.strategyId.trim())) errors.strategyId = { key: 'strategyFormat' };
  return errors;
}

/**
 * The PUT body: only the fields that differ from `original`. Call after `validateLevelForm` found
 * nothing (an unparsable price is left out).
 */
export function formToUpdate(original: VipLevelAdmin, form: LevelForm): VipLevelUpdate {
  const out: VipLevelUpdate = {};
  const name = form.name.trim();
  if (name !== original.name) out.name = name;
  const quota = form.unlimited ? null : form.stockQuota;
  if (quota !== original.stockQuota) out.stockQuota = quota;
  const fen = parsePriceFen(form.priceYuan);
  if (fen !== null && fen !== original.priceFen) out.priceFen = fen;
  if (form.enabled !== original.enabled) out.enabled = form.enabled;
  const description = form.description.trim();
  if (description !== original.description) out.description = description;
  const nameEn = form.nameEn.trim();
  if (nameEn !== (original.nameEn ?? '')) out.nameEn = nameEn;
  const descriptionEn = form.descriptionEn.trim();
  if (descriptionEn !== (original.descriptionEn ?? '')) out.descriptionEn = descriptionEn;
  const strategyId = form.strategyId.trim();
  if (strategyId !== original.strategyId) out.strategyId = strategyId;
  return out;
}

/** True when the form would change something (an unparsable price counts as a change). */
export function isLevelDirty(original: VipLevelAdmin, form: LevelForm): boolean {
  if (form.priceYuan.trim() !== '' && parsePriceFen(form.priceYuan) === null) return true;
  return Object.keys(formToUpdate(original, form)).length > 0;
}

const SERVER_FIELDS: Readonly<Record<string, LevelField>> = {
  name: 'name',
  stockQuota: 'stockQuota',
  priceFen: 'priceYuan',
  enabled: 'enabled',
  description: 'description',
  nameEn: 'nameEn',
  descriptionEn: 'descriptionEn',
  strategyId: 'strategyId',
};

/**
 * The server's VALIDATION_FAILED `details` (`[{ field, errors }]`) per form field; messages for
 * fields the form does not have land in `other`.
 */
export function serverFieldErrors(details: unknown): { fields: Partial<Record<LevelField, string>>; other: string[] } {
  const fields: Partial<Record<LevelField, string>> = {};
  const other: string[] = [];
  if (!Array.isArray(details)) return { fields, other };
  for (const item of details as unknown[]) {
    if (typeof item !== 'object' || item === null) continue;
    const { field, errors } = item as { field?: unknown; errors?: unknown };
    const text = Array.isArray(errors) ? errors.map(String).join('; ') : '';
    const target = typeof field === 'string' ? SERVER_FIELDS[field] : undefined;
    if (target) fields[target] = fields[target] ? `${fields[target]}; ${text}` : text;
    else if (text) other.push(typeof field === 'string' ? `${field}: ${text}` : text);
  }
  return { fields, other };
}
