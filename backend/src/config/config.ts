import { createPrivateKey, createPublicKey, randomBytes, X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseDotenv } from 'dotenv';

/**
 * The only reader of process.env. Every setting is declared once here with its default and
 * validation; `.env.local.example` documents the same list. Boot fails fast with one readable
 * message listing every bad setting.
 */
export interface AppConfig {
  nodeEnv: 'development' | 'production' | 'test';
  port: number;
  host: string;
  publicUrl: string;
  dataDir: string;
  databaseUrl: string | null;
  embeddedPgPort: number | null;
  redisUrl: string | null;
  jwtSecret: string;
  dataSecretKey: string;
  accessTokenTtlSec: number;
  refreshTokenTtlSec: number;
  adminUsername: string;
  adminPassword: string | null;
  adminEmail: string | null;
  corsOrigins: string[];
  smtpUrl: string | null;
  mailFrom: string;
  logLevel: string;
  demoData: boolean;
  schedulerEnabled: boolean;
  authRateLimitPerMinute: number;
  /** Registrations per client IP per hour (register tells whether an e-mail is taken). */
  registerRateLimitPerHour: number;
  /** Express `trust proxy`: who may set X-Forwarded-For (false = nobody; e.g. `loopback`, `10.0.0.0/8`). */
  trustProxy: string | false;
  /** Serve /api/docs and /api/docs-json (default: not in production). */
  apiDocsEnabled: boolean;
  /** Bearer token for /metrics; required in production (without one /metrics is off there). */
  metricsToken: string | null;
  tushareToken: string | null;
  tushareBaseUrl: string;
  aktoolsUrl: string | null;
  demoProviderEnabled: boolean;
  marketSyncCron: string;
  signalRunCron: string;
  vipExpiryCron: string;
  /** WeChat Pay merchant settings; null = payments off (503 PAYMENTS_DISABLED) unless the simulator runs. */
  wechatPay: WechatPaySettings | null;
  /** Dev only: run the fake WeChat Pay server in-process (refused in production). */
  wechatPaySimulator: boolean;
  paymentOrderTtlMinutes: number;
  ledgerCheckCron: string;
}

export interface WechatPaySettings {
  mchid: string;
  appid: string;
  merchantSerial: string;
  merchantPrivateKeyPem: string;
  apiV3Key: string;
  /** WeChat Pay public-key mode (new merchants): `PUB_KEY_ID_…` and its PEM. */
  publicKey: { id: string; pem: string } | null;
  /** Platform certificates (older merchants; both during a switch): serial → public key PEM. */
  platformCerts: Array<{ serial: string; pem: string }>;
  baseUrl: string;
  notifyUrl: string;
}

export const WECHATPAY_OFFICIAL_BASE_URL = 'https://api.mch.weixin.qq.com';

export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

const PLACEHOLDER = /^(change-?me|secret|placeholder|xxx+|dev.*)$/i;
const PLACEHOLDER_PREFIX = /^(change-?me|changeit|replace-?me|secret|placeholder|password|example|your[-_]|todo|xxx|test|dev[-_])/i;

/** Why a secret is not good enough (null when it is): short, a placeholder, or low entropy. */
export function secretProblem(value: string): string | null {
  if (value.length < 32) return 'needs at least 32 characters';
  if (PLACEHOLDER.test(value) || PLACEHOLDER_PREFIX.test(value)) return 'looks like a placeholder (generate one: openssl rand -base64 48)';
  const distinct = new Set(value).size;
  const counts = [...new Set(value)].map((c) => value.split(c).length - 1);
  const bitsPerChar = -counts.reduce((sum, n) => sum + (n / value.length) * Math.log2(n / value.length), 0);
  if (distinct < 10 || bitsPerChar < 3) return 'has too little entropy (generate one: openssl rand -base64 48)';
  return null;
}

/** Merge `.env.local` (if present in cwd) under real environment variables. */
export function readEnv(cwd = process.cwd(), env: Env = process.env): Env {
  const file = path.join(cwd, '.env.local');
  const fromFile = existsSync(file) ? parseDotenv(readFileSync(file)) : {};
  return { ...fromFile, ...env };
}

export function loadConfig(env: Env = readEnv()): AppConfig {
  const errors: string[] = [];
  const str = (key: string, def: string | null = null): string | null => {
    const v = env[key];
    return v === undefined || v.trim() === '' ? def : v.trim();
  };
  const int = (key: string, def: number, min: number, max: number): number => {
    const raw = str(key);
    if (raw === null) return def;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      errors.push(`${key} must be an integer between ${min} and ${max} (got "${raw}")`);
      return def;
    }
    return n;
  };
  const bool = (key: string, def: boolean): boolean => {
    const raw = str(key);
    if (raw === null) return def;
    if (/^(1|true|yes|on)$/i.test(raw)) return true;
    if (/^(0|false|no|off)$/i.test(raw)) return false;
    errors.push(`${key} must be true or false (got "${raw}")`);
    return def;
  };
  const url = (key: string, protocols: string[]): string | null => {
    const raw = str(key);
    if (raw === null) return null;
    try {
      const u = new URL(raw);
      if (!protocols.includes(u.protocol)) errors.push(`${key} must use ${protocols.join(' or ')} (got "${u.protocol}")`);
    } catch {
      errors.push(`${key} is not a valid URL`);
    }
    return raw;
  };

  const nodeEnvRaw = str('NODE_ENV', 'development')!;
  if (!['development', 'production', 'test'].includes(nodeEnvRaw)) {
    errors.push(`NODE_ENV must be development, production or test (got "${nodeEnvRaw}")`);
  }
  const nodeEnv = nodeEnvRaw as AppConfig['nodeEnv'];
  const production = nodeEnv === 'production';
  const port = int('PORT', 3000, 0, 65535);
  const dataDir = path.resolve(str('DATA_DIR', './.data')!);
  const databaseUrl = url('DATABASE_URL', ['postgres:', 'postgresql:']);
  const redisUrl = url('REDIS_URL', ['redis:', 'rediss:']);

  const secret = (key: string, file: string): string => {
    const given = str(key);
    if (given !== null) {
      const problem = secretProblem(given);
      if (problem) errors.push(`${key} must be a real secret: it ${problem}`);
      return given;
    }
    if (production) {
      errors.push(`${key} is required when NODE_ENV=production`);
      return '';
    }
    // Development: generate once and keep it under DATA_DIR so tokens survive restarts.
    const p = path.join(dataDir, file);
    if (existsSync(p)) return readFileSync(p, 'utf8').trim();
    mkdirSync(dataDir, { recursive: true });
    const value = randomBytes(48).toString('base64url');
    writeFileSync(p, value, { mode: 0o600 });
    return value;
  };
  const jwtSecret = secret('JWT_SECRET', 'jwt-secret');
  const dataSecretKey = secret('DATA_SECRET_KEY', 'data-secret-key');

  const adminPassword = str('ADMIN_PASSWORD');
  if (production && adminPassword !== null && adminPassword.length < 12) {
    errors.push('ADMIN_PASSWORD must be at least 12 characters in production');
  }
  if (production && databaseUrl === null) {
    errors.push('DATABASE_URL is required when NODE_ENV=production (embedded PostgreSQL is for development)');
  }
  const publicUrl = url('PUBLIC_URL', ['http:', 'https:']) ?? `http://localhost:${port || 3000}`;
  const corsRaw = str('CORS_ORIGINS');
  const corsOrigins = corsRaw ? corsRaw.split(',').map((s) => s.trim()).filter(Boolean) : [];
  const tushareToken = str('TUSHARE_TOKEN');
  const aktoolsUrl = url('AKTOOLS_URL', ['http:', 'https:']);
  const logLevel = str('LOG_LEVEL', production ? 'info' : nodeEnv === 'test' ? 'warn' : 'info')!;
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) {
    errors.push(`LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "${logLevel}")`);
  }

  const demoData = bool('DEMO_DATA', databaseUrl === null && !production && tushareToken === null && aktoolsUrl === null);
  const config: AppConfig = {
    nodeEnv,
    port,
    host: str('HOST', '0.0.0.0')!,
    publicUrl: publicUrl.replace(/\/$/, ''),
    dataDir,
    databaseUrl,
    embeddedPgPort: str('EMBEDDED_PG_PORT') === null ? null : int('EMBEDDED_PG_PORT', 0, 1024, 65535),
    redisUrl,
    jwtSecret,
    dataSecretKey,
    accessTokenTtlSec: int('ACCESS_TOKEN_TTL_SEC', 900, 30, 86_400),
    refreshTokenTtlSec: int('REFRESH_TOKEN_TTL_SEC', 30 * 86_400, 300, 365 * 86_400),
    adminUsername: str('ADMIN_USERNAME', 'admin')!,
    adminPassword,
    adminEmail: str('ADMIN_EMAIL'),
    corsOrigins,
    smtpUrl: url('SMTP_URL', ['smtp:', 'smtps:']),
    mailFrom: str('MAIL_FROM', 'Zhice 智策 <no-reply@zhice.local>')!,
    logLevel,
    // Demo data (stocks, pool, signals) only on the zero-config embedded default unless asked for:
    // never by default once a real source (Tushare token, AKTools URL) is configured.
    demoData,
    schedulerEnabled: bool('SCHEDULER_ENABLED', nodeEnv !== 'test'),
    authRateLimitPerMinute: int('AUTH_RATE_LIMIT_PER_MINUTE', 30, 1, 100_000),
    registerRateLimitPerHour: int('REGISTER_RATE_LIMIT_PER_HOUR', 20, 1, 1_000_000),
    trustProxy: trustProxy(str('TRUST_PROXY')),
    apiDocsEnabled: bool('API_DOCS', !production),
    metricsToken: str('METRICS_TOKEN'),
    tushareToken,
    tushareBaseUrl: url('TUSHARE_BASE_URL', ['http:', 'https:']) ?? 'http://api.tushare.pro',
    aktoolsUrl,
    demoProviderEnabled: bool('DEMO_PROVIDER_ENABLED', tushareToken === null && aktoolsUrl === null),
    marketSyncCron: str('MARKET_SYNC_CRON', '30 17 * * 1-5')!,
    signalRunCron: str('SIGNAL_RUN_CRON', '0 18 * * 1-5')!,
    vipExpiryCron: str('VIP_EXPIRY_CRON', '*/10 * * * *')!,
    ...wechatPayConfig(str, int, bool, url, errors, { production, demoData }),
    ledgerCheckCron: str('LEDGER_CHECK_CRON', '30 3 * * *')!,
  };

  if (config.metricsToken !== null && config.metricsToken.length < 16) errors.push('METRICS_TOKEN must be at least 16 characters');
  if (errors.length > 0) {
    throw new ConfigError(`Invalid configuration:\n  - ${errors.join('\n  - ')}\nSee .env.local.example for every setting.`);
  }
  return config;
}

const WECHATPAY_REQUIRED = ['WECHATPAY_MCHID', 'WECHATPAY_APPID', 'WECHATPAY_MERCHANT_SERIAL', 'WECHATPAY_MERCHANT_PRIVATE_KEY_FILE', 'WECHATPAY_APIV3_KEY', 'WECHATPAY_NOTIFY_URL'] as const;
const WECHATPAY_KEYS = [...WECHATPAY_REQUIRED, 'WECHATPAY_PUBLIC_KEY_ID', 'WECHATPAY_PUBLIC_KEY_FILE', 'WECHATPAY_PLATFORM_CERT_FILES'] as const;

/**
 * WeChat Pay: all merchant settings or none. None → payments are off (or the dev simulator runs,
 * which demo data turns on). Some → boot fails naming what is missing.
 */
function wechatPayConfig(
  str: (k: string, d?: string | null) => string | null,
  int: (k: string, d: number, min: number, max: number) => number,
  bool: (k: string, d: boolean) => boolean,
  url: (k: string, p: string[]) => string | null,
  errors: string[],
  ctx: { production: boolean; demoData: boolean },
): Pick<AppConfig, 'wechatPay' | 'wechatPaySimulator' | 'paymentOrderTtlMinutes'> {
  const paymentOrderTtlMinutes = int('PAYMENT_ORDER_TTL_MINUTES', 120, 5, 7 * 24 * 60);
  const given = WECHATPAY_KEYS.filter((k) => str(k) !== null);
  const wechatPaySimulator = bool('WECHATPAY_SIMULATOR', ctx.demoData && given.length === 0 && !ctx.production);
  const baseUrl = (url('WECHATPAY_BASE_URL', ['http:', 'https:']) ?? WECHATPAY_OFFICIAL_BASE_URL).replace(/\/$/, '');
  if (wechatPaySimulator && ctx.production) errors.push('WECHATPAY_SIMULATOR=true is refused when NODE_ENV=production (it fakes payments)');
  if (given.length === 0) return { wechatPay: null, wechatPaySimulator, paymentOrderTtlMinutes };
  if (wechatPaySimulator) errors.push('WECHATPAY_SIMULATOR=true cannot be combined with real WECHATPAY_* merchant settings');
  const missing: string[] = WECHATPAY_REQUIRED.filter((k) => str(k) === null);
  const pubId = str('WECHATPAY_PUBLIC_KEY_ID');
  const pubFile = str('WECHATPAY_PUBLIC_KEY_FILE');
  const certFiles = (str('WECHATPAY_PLATFORM_CERT_FILES') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  if ((pubId === null) !== (pubFile === null)) missing.push(pubId === null ? 'WECHATPAY_PUBLIC_KEY_ID' : 'WECHATPAY_PUBLIC_KEY_FILE');
  if (pubId === null && pubFile === null && certFiles.length === 0) missing.push('WECHATPAY_PUBLIC_KEY_ID + WECHATPAY_PUBLIC_KEY_FILE (or WECHATPAY_PLATFORM_CERT_FILES)');
  if (missing.length) {
    errors.push(`WeChat Pay is partly configured: missing ${missing.join(', ')} (set all of them, or none to turn payments off)`);
    return { wechatPay: null, wechatPaySimulator: false, paymentOrderTtlMinutes };
  }
  const readPem = (key: string, file: string, kind: 'private' | 'public' | 'cert'): string => {
    try {
      const pem = readFileSync(file, 'utf8');
      if (kind === 'private') createPrivateKey(pem);
      else if (kind === 'public') createPublicKey(pem);
      else new X509Certificate(pem);
      return pem;
    } catch (e) {
      errors.push(`${key}: cannot read a ${kind === 'cert' ? 'certificate' : `${kind} key`} from ${file} (${(e as Error).message.split('\n')[0]})`);
      return '';
    }
  };
  const apiV3Key = str('WECHATPAY_APIV3_KEY')!;
  if (Buffer.byteLength(apiV3Key, 'utf8') !== 32) errors.push('WECHATPAY_APIV3_KEY must be exactly 32 bytes');
  if (pubId !== null && !/^PUB_KEY_ID_\w{6,}$/.test(pubId)) errors.push(`WECHATPAY_PUBLIC_KEY_ID must look like PUB_KEY_ID_… (got "${pubId}")`);
  const notifyUrl = url('WECHATPAY_NOTIFY_URL', ['http:', 'https:']) ?? '';
  if (/[?#\s]/.test(notifyUrl)) errors.push('WECHATPAY_NOTIFY_URL must not carry a query string, fragment or spaces');
  if (ctx.production && notifyUrl.startsWith('http:')) errors.push('WECHATPAY_NOTIFY_URL must use https in production');
  const platformCerts = certFiles.map((f) => {
    const pem = readPem('WECHATPAY_PLATFORM_CERT_FILES', f, 'cert');
    return { serial: pem ? new X509Certificate(pem).serialNumber.toUpperCase() : '', pem };
  });
  return {
    wechatPay: {
      mchid: str('WECHATPAY_MCHID')!,
      appid: str('WECHATPAY_APPID')!,
      merchantSerial: str('WECHATPAY_MERCHANT_SERIAL')!.toUpperCase(),
      merchantPrivateKeyPem: readPem('WECHATPAY_MERCHANT_PRIVATE_KEY_FILE', str('WECHATPAY_MERCHANT_PRIVATE_KEY_FILE')!, 'private'),
      apiV3Key,
      publicKey: pubId !== null && pubFile !== null ? { id: pubId, pem: readPem('WECHATPAY_PUBLIC_KEY_FILE', pubFile, 'public') } : null,
      platformCerts,
      baseUrl,
      notifyUrl,
    },
    wechatPaySimulator,
    paymentOrderTtlMinutes,
  };
}

/** TRUST_PROXY: unset, `false` or `0` → trust no proxy; otherwise Express's list (`loopback`, CIDRs). */
function trustProxy(raw: string | null): string | false {
  if (raw === null || ['false', '0', 'no', 'none'].includes(raw.toLowerCase())) return false;
  return raw;
}

/** DI token for the validated config (a Symbol, never a bare string). */
export const APP_CONFIG = Symbol('APP_CONFIG');
