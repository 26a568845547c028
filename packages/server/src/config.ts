import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { isValidTimeZone } from '@continuum/contracts';

/** The development-only secret. Production refuses to start with it. */
export const DEFAULT_DEV_SECRET = 'continuum-development-secret-do-not-use-in-production';

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: int(0, 65535).default(3000),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  CONTINUUM_DATA_DIR: z.string().min(1).default('./data'),
  CONTINUUM_FILES_DIR: z.string().min(1).optional(),
  CONTINUUM_SECRET: z.string().min(32, 'must be at least 32 characters').default(DEFAULT_DEV_SECRET),
  /** The key that seals stored secrets (core/secret-box.ts): 32 bytes as 64 hex digits or base64. */
  CONTINUUM_SECRET_KEY: z
    .string()
    .trim()
    .regex(/^([0-9a-fA-F]{64}|[A-Za-z0-9+/_-]{43}=?)$/, 'must be 32 bytes written as 64 hex digits or base64')
    .optional(),
  /** Where the key lives when CONTINUUM_SECRET_KEY is unset (made 0600 on first start): `<data dir>/secret.key` by default. */
  CONTINUUM_SECRET_KEY_FILE: z.string().min(1).optional(),
  CONTINUUM_DEMO_SEED: z.enum(['auto', 'off']).optional(),
  CONTINUUM_DEMO_PEOPLE: int(0, 10_000_000).default(5000),
  CONTINUUM_DEMO_RANDOM_SEED: int(0, 2 ** 31 - 1).default(42),
  CONTINUUM_JOBS: z.enum(['on', 'off']).default('on'),
  CONTINUUM_SESSION_IDLE_MINUTES: int(1, 24 * 60).default(60),
  CONTINUUM_SESSION_MAX_HOURS: int(1, 24 * 7).default(12),
  CONTINUUM_LOGIN_MAX_FAILURES: int(1, 100).default(5),
  CONTINUUM_LOCKOUT_MINUTES: int(1, 24 * 60).default(15),
  CONTINUUM_LOGIN_RATE_PER_MINUTE: int(1, 10_000).default(20),
  CONTINUUM_BODY_LIMIT_BYTES: int(1024, 100 * 1024 * 1024).default(1024 * 1024),
  CONTINUUM_COOKIE_SECURE: bool.optional(),
  CONTINUUM_WEB_DIR: z.string().optional(),
  CONTINUUM_TIME_ZONE: z
    .string()
    .min(1)
    .refine(isValidTimeZone, 'must be an IANA time zone, e.g. America/Los_Angeles')
    .default('America/Los_Angeles'),
  CONTINUUM_CAPACITY_STALE_HOURS: int(1, 24 * 30).default(24),
  CONTINUUM_BREAK_GLASS_HOURS: int(1, 24).default(4),
  CONTINUUM_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .optional(),
  CONTINUUM_MAIL_FROM: z.string().min(3).default('Continuum <no-reply@continuum.invalid>'),
  CONTINUUM_PUBLIC_URL: z.url().optional(),
  /** The MLLP listener for HL7 v2 feeds (docs/integration.md); off when unset. */
  CONTINUUM_MLLP_PORT: int(0, 65535).optional(),
  CONTINUUM_MLLP_HOST: z.string().min(1).optional(),
  /** Scheduled folder pickup for roster, PDMP and death-record feeds (docs/integration.md); off when unset. */
  CONTINUUM_FEEDS_PICKUP_DIR: z.string().min(1).optional(),
  /** The demo community's running ADT and roster sources (development only; never under test). */
  CONTINUUM_DEMO_FEEDS: z.enum(['on', 'off']).optional(),
  /** An OSRM server for travel times in the needs-and-gaps analysis (docs/gaps.md); straight-line distance when unset. */
  CONTINUUM_ROUTING_URL: z.url().optional(),
  /** A MapLibre style (e.g. PMTiles/Protomaps or an OpenStreetMap-based style) for the maps' basemap; none when unset (docs/geography.md). */
  CONTINUUM_MAP_STYLE_URL: z.url().optional(),
  /**
   * Origins allowed to show the app in a frame (CSP frame-ancestors), space-separated, e.g. an EHR that
   * embeds the SMART launch: "https://ehr.example.org". Unset: no one (docs/reliability.md).
   */
  CONTINUUM_FRAME_ANCESTORS: z
    .string()
    .regex(/^https:\/\/[a-z0-9.-]+(:\d+)?( https:\/\/[a-z0-9.-]+(:\d+)?)*$/i, 'must be https origins separated by spaces')
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = Readonly<{
  env: 'development' | 'test' | 'production';
  host: string;
  port: number;
  database: Readonly<{ kind: 'pglite'; dataDir: string | null } | { kind: 'postgres'; url: string }>;
  secret: string;
  /** The key that seals stored secrets: from the environment, or a key file kept outside the database. */
  secretKey: Readonly<{ kind: 'env'; key: string } | { kind: 'file'; path: string }>;
  demoSeed: 'auto' | 'off';
  demoPeople: number;
  demoRandomSeed: number;
  jobs: boolean;
  session: Readonly<{ idleMinutes: number; maxHours: number; cookieSecure: boolean }>;
  login: Readonly<{ maxFailures: number; lockoutMinutes: number; ratePerMinute: number }>;
  bodyLimitBytes: number;
  webDir: string;
  logLevel: string;
  /** The network's time zone: "open now" for locations without their own. */
  timeZone: string;
  directory: Readonly<{ capacityStaleHours: number }>;
  /** How long emergency (break-glass) access lasts (42 CFR 2.51). */
  breakGlassHours: number;
  /** Email: SMTP when a URL is set; otherwise the development mailbox (in production without SMTP, email is skipped and the inbox alone carries notifications). */
  mail: Readonly<{ smtpUrl: string | null; from: string; publicUrl: string }>;
  /** Uploaded files (referral attachments), never inside the web root: `<data dir>/files` by default (a temporary folder in tests). */
  filesDir: string;
  /** Live feeds: the MLLP listener (null: not started) and the demo sources' timer. */
  feeds: Readonly<{ mllp: Readonly<{ host: string; port: number }> | null; demo: boolean; pickupDir: string | null }>;
  /** Needs and gaps: the OSRM server for travel times (null: straight-line miles). */
  gaps: Readonly<{ routingUrl: string | null }>;
  /** The maps' basemap style (null: boundaries and points only, no tile server). */
  map: Readonly<{ styleUrl: string | null }>;
  /** Origins that may frame the app (CSP frame-ancestors); empty: none. */
  frameAncestors: readonly string[];
}>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Parses the environment once into a frozen Config. Nothing else in the server reads `process.env`.
 * Throws ConfigError naming every bad variable; production refuses the development secret and demo data.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env, cwd = process.cwd()): Config {
  // An empty variable counts as unset, as shells and service managers often leave them so.
  const given = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(given);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  const isProduction = e.NODE_ENV === 'production';
  const problems: string[] = [];
  if (isProduction && e.CONTINUUM_SECRET === DEFAULT_DEV_SECRET) {
    problems.push('CONTINUUM_SECRET: must be set to a unique secret in production');
  }
  if (isProduction && e.CONTINUUM_DEMO_SEED === 'auto') {
    problems.push('CONTINUUM_DEMO_SEED: demo data is not allowed in production');
  }
  if (problems.length > 0) throw new ConfigError(problems);

  const webDir = e.CONTINUUM_WEB_DIR ?? path.resolve(import.meta.dirname, '../../web/dist');
  const config: Config = {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    database: e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL }
      : { kind: 'pglite', dataDir: path.resolve(cwd, e.CONTINUUM_DATA_DIR) },
    secret: e.CONTINUUM_SECRET,
    secretKey: e.CONTINUUM_SECRET_KEY
      ? { kind: 'env', key: e.CONTINUUM_SECRET_KEY }
      : {
          kind: 'file',
          path: e.CONTINUUM_SECRET_KEY_FILE
            ? path.resolve(cwd, e.CONTINUUM_SECRET_KEY_FILE)
            : e.NODE_ENV === 'test'
              ? path.join(os.tmpdir(), `continuum-test-secret-${process.pid}.key`)
              : path.resolve(cwd, e.CONTINUUM_DATA_DIR, 'secret.key'),
        },
    demoSeed: e.CONTINUUM_DEMO_SEED ?? (isProduction ? 'off' : 'auto'),
    demoPeople: e.CONTINUUM_DEMO_PEOPLE,
    demoRandomSeed: e.CONTINUUM_DEMO_RANDOM_SEED,
    jobs: e.CONTINUUM_JOBS === 'on',
    session: {
      idleMinutes: e.CONTINUUM_SESSION_IDLE_MINUTES,
      maxHours: e.CONTINUUM_SESSION_MAX_HOURS,
      cookieSecure: e.CONTINUUM_COOKIE_SECURE ?? isProduction,
    },
    login: {
      maxFailures: e.CONTINUUM_LOGIN_MAX_FAILURES,
      lockoutMinutes: e.CONTINUUM_LOCKOUT_MINUTES,
      ratePerMinute: e.CONTINUUM_LOGIN_RATE_PER_MINUTE,
    },
    bodyLimitBytes: e.CONTINUUM_BODY_LIMIT_BYTES,
    webDir,
    logLevel: e.LOG_LEVEL,
    timeZone: e.CONTINUUM_TIME_ZONE,
    directory: { capacityStaleHours: e.CONTINUUM_CAPACITY_STALE_HOURS },
    breakGlassHours: e.CONTINUUM_BREAK_GLASS_HOURS,
    mail: {
      smtpUrl: e.CONTINUUM_SMTP_URL ?? null,
      from: e.CONTINUUM_MAIL_FROM,
      publicUrl: (e.CONTINUUM_PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    },
    filesDir: e.CONTINUUM_FILES_DIR
      ? path.resolve(cwd, e.CONTINUUM_FILES_DIR)
      : e.NODE_ENV === 'test'
        ? path.join(os.tmpdir(), `continuum-test-files-${process.pid}`)
        : path.resolve(cwd, e.CONTINUUM_DATA_DIR, 'files'),
    feeds: {
      mllp: e.CONTINUUM_MLLP_PORT !== undefined ? { host: e.CONTINUUM_MLLP_HOST ?? e.HOST, port: e.CONTINUUM_MLLP_PORT } : null,
      // Only in development, and off with CONTINUUM_DEMO_FEEDS=off.
      demo: e.NODE_ENV === 'development' && (e.CONTINUUM_DEMO_FEEDS ?? 'on') === 'on',
      pickupDir: e.CONTINUUM_FEEDS_PICKUP_DIR ? path.resolve(cwd, e.CONTINUUM_FEEDS_PICKUP_DIR) : null,
    },
    gaps: { routingUrl: e.CONTINUUM_ROUTING_URL?.replace(/\/+$/, '') ?? null },
    map: { styleUrl: e.CONTINUUM_MAP_STYLE_URL ?? null },
    frameAncestors: e.CONTINUUM_FRAME_ANCESTORS?.split(' ') ?? [],
  };
  return deepFreeze(config);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
