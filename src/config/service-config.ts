/**
 * The service's configuration, read once at start from the environment and checked with zod. A bad value
 * stops the start with ERR_CONFIG_INVALID naming the variable; nothing else reads process.env.
 * The login variables (OIDC_*, SESSION_SECRET) are the auth layer's: src/config/auth-config.ts.
 */
import { isIP } from 'node:net';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { z } from 'zod';
import { JusteraError } from '../errors';
import { defaultKeysDir } from './paths';
import type { DatabaseTarget } from '../storage/db';

export type MailTransport = { kind: 'outbox' } | { kind: 'smtp'; url: string };

export interface ServiceConfig {
  port: number;
  host: string;
  dataDir: string;
  database: DatabaseTarget;
  publicBaseUrl: string;
  keysDir: string;
  /** `builtin` (in-process TSA, also served at /tsa) or the URL of an RFC 3161 TSA. */
  tsaUrl: 'builtin' | string;
  /** PEM file of the external TSA's chain, TSA certificate first (engines/signing-context.ts `serviceTsa` reads it). */
  tsaChainFile?: string;
  signerMatch: 'personnummer' | 'email';
  /**
   * What a signer certificate's serialNumber carries: a pseudonym (default) or, for a deployment that must
   * follow the Sweden Connect certificate profile, the personnummer; then the public side serves no signed PDF.
   */
  signerCertificateId: 'pseudonym' | 'personnummer';
  /** Unset: generated once into the keys folder (config/pseudonym-secret.ts). */
  signerPseudonymSecret?: string;
  mail: MailTransport;
  mailFrom: string;
  invitationTtlDays: number;
  /** How often the reminder and anslag job runs, in seconds; 0 turns it off. */
  jobIntervalSeconds: number;
  /** Hours after the invitation (or the last reminder) before an unsigned signer is reminded. */
  reminderAfterHours: number;
  /** Days between justering and posting the anslag: 0 (at once) to 2, the latest KL 8 kap. 12 § allows. */
  anslagPublishDelayDays: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Load examples/extract-ha-2023-418-p12.json when the database has no extract (the quick start). */
  loadExample: boolean;
  /** Worker threads for assembly, signing and verification; 0 runs them on the main thread. */
  engineWorkers: number;
  /**
   * The reverse proxies whose X-Forwarded-For / X-Forwarded-Proto are believed (addresses, CIDR ranges or
   * express's names loopback, linklocal, uniquelocal); empty: none, the client is the TCP peer.
   */
  trustProxy: string[];
  /** Test hooks, only when JUSTERA_TEST_HOOKS=1: pause this long inside a signature's transaction. */
  testPauseInSignatureMs: number;
}

const portSchema = z.coerce.number().int().min(0).max(65535);

function httpUrl(name: string) {
  return z
    .string()
    .trim()
    .refine((value) => /^https?:\/\/[^\s/]+/.test(value), { message: `${name} must be an http:// or https:// URL` });
}

const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/** An address, an address/prefix, or one of express's names for a range. */
function isProxySpec(spec: string): boolean {
  if (PROXY_NAMES.includes(spec)) return true;
  const [address, prefix, ...rest] = spec.split('/');
  const family = isIP(address ?? '');
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

const trustProxySchema = z
  .string()
  .default('')
  .transform((value) => value.split(',').map((s) => s.trim()).filter((s) => s !== ''))
  .refine((specs) => specs.every(isProxySpec), {
    message: 'TRUST_PROXY must be a comma-separated list of proxy addresses, CIDR ranges (10.0.0.0/8) or loopback, linklocal, uniquelocal',
  });

const envSchema = z.object({
  PORT: portSchema.default(3000),
  HOST: z.string().trim().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().trim().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .trim()
    .refine((value) => /^postgres(ql)?:\/\//.test(value), { message: 'DATABASE_URL must be a postgres:// or postgresql:// URL (unset for SQLite in DATA_DIR)' })
    .optional(),
  DATABASE_SCHEMA: z.string().trim().regex(/^[a-z_][a-z0-9_]*$/, 'DATABASE_SCHEMA must be a plain lower-case identifier').optional(),
  PUBLIC_BASE_URL: httpUrl('PUBLIC_BASE_URL').optional(),
  /** Unset: the package's keys-example, wherever the service is started from (config/paths.ts). */
  KEYS_DIR: z.string().trim().min(1).optional(),
  TSA_URL: z.union([z.literal('builtin'), httpUrl('TSA_URL')]).default('builtin'),
  TSA_CHAIN: z.string().trim().min(1).optional(),
  SIGNER_MATCH: z.enum(['personnummer', 'email']).default('personnummer'),
  SIGNER_CERTIFICATE_ID: z.enum(['pseudonym', 'personnummer']).default('pseudonym'),
  SIGNER_PSEUDONYM_SECRET: z.string().min(32, 'SIGNER_PSEUDONYM_SECRET must be at least 32 characters').optional(),
  MAIL_TRANSPORT: z
    .union([z.literal('outbox'), z.string().trim().regex(/^smtps?:\/\//, 'MAIL_TRANSPORT must be "outbox" or an smtp:// / smtps:// URL')])
    .default('outbox'),
  MAIL_FROM: z.string().trim().min(3).default('Justera <justera@localhost>'),
  INVITATION_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(14),
  JOB_INTERVAL_SECONDS: z.coerce.number().int().min(0).default(300),
  REMINDER_AFTER_HOURS: z.coerce.number().min(1).default(48),
  ANSLAG_PUBLISH_DELAY_DAYS: z.coerce.number().int().min(0).max(2, 'ANSLAG_PUBLISH_DELAY_DAYS must be 0, 1 or 2: the anslag is due no later than the second day after justering').default(0),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOAD_EXAMPLE: z.enum(['0', '1', 'true', 'false']).default('1'),
  // The main thread is busy too (HTTP, sessions, the transaction): the engines get the other CPUs. On two
  // CPUs one engine worker signs as fast as two at a tenth less CPU per signature (one isolate compiling
  // and collecting instead of two) and a lower p99 (issue 13).
  ENGINE_WORKERS: z.coerce.number().int().min(0).max(64).default(Math.max(1, availableParallelism() - 1)),
  TRUST_PROXY: trustProxySchema,
  JUSTERA_TEST_HOOKS: z.enum(['0', '1']).default('0'),
  JUSTERA_TEST_PAUSE_IN_SIGNATURE_MS: z.coerce.number().int().min(0).default(0),
});

const signerCertificateSchema = envSchema.pick({ SIGNER_CERTIFICATE_ID: true, SIGNER_PSEUDONYM_SECRET: true });

/**
 * Only SIGNER_CERTIFICATE_ID and SIGNER_PSEUDONYM_SECRET, for `justera sign`, which must derive the same
 * pseudonym as the service without depending on the service's other variables.
 */
export function loadSignerCertificateConfig(env: NodeJS.ProcessEnv = process.env): Pick<ServiceConfig, 'signerCertificateId' | 'signerPseudonymSecret'> {
  const parsed = signerCertificateSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new JusteraError('ERR_CONFIG_INVALID', `${issue.path.join('.')}: ${issue.message}`, { field: String(issue.path[0] ?? '') });
  }
  return {
    signerCertificateId: parsed.data.SIGNER_CERTIFICATE_ID,
    ...(parsed.data.SIGNER_PSEUDONYM_SECRET !== undefined && { signerPseudonymSecret: parsed.data.SIGNER_PSEUDONYM_SECRET }),
  };
}

/** Reads the environment; throws ERR_CONFIG_INVALID with every bad variable named. */
export function loadServiceConfig(env: NodeJS.ProcessEnv = process.env): ServiceConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new JusteraError('ERR_CONFIG_INVALID', `invalid configuration: ${problems.join('; ')}`, { field: String(parsed.error.issues[0]?.path[0] ?? '') });
  }
  const e = parsed.data;
  if (e.TSA_CHAIN !== undefined && e.TSA_URL === 'builtin') {
    throw new JusteraError('ERR_CONFIG_INVALID', 'invalid configuration: TSA_CHAIN: the chain of an external TSA needs TSA_URL to name it; the built-in TSA\u2019s chain is the keys folder\u2019s', { field: 'TSA_CHAIN' });
  }
  const dataDir = resolve(e.DATA_DIR);
  const database: DatabaseTarget = e.DATABASE_URL
    ? { kind: 'postgres', url: e.DATABASE_URL, ...(e.DATABASE_SCHEMA ? { schema: e.DATABASE_SCHEMA } : {}) }
    : { kind: 'sqlite', file: resolve(dataDir, 'justera.sqlite') };
  const testHooks = e.JUSTERA_TEST_HOOKS === '1';
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    database,
    publicBaseUrl: (e.PUBLIC_BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    keysDir: defaultKeysDir({ KEYS_DIR: e.KEYS_DIR }),
    tsaUrl: e.TSA_URL,
    ...(e.TSA_CHAIN !== undefined && { tsaChainFile: resolve(e.TSA_CHAIN) }),
    signerMatch: e.SIGNER_MATCH,
    signerCertificateId: e.SIGNER_CERTIFICATE_ID,
    ...(e.SIGNER_PSEUDONYM_SECRET !== undefined && { signerPseudonymSecret: e.SIGNER_PSEUDONYM_SECRET }),
    mail: e.MAIL_TRANSPORT === 'outbox' ? { kind: 'outbox' } : { kind: 'smtp', url: e.MAIL_TRANSPORT },
    mailFrom: e.MAIL_FROM,
    invitationTtlDays: e.INVITATION_TTL_DAYS,
    jobIntervalSeconds: e.JOB_INTERVAL_SECONDS,
    reminderAfterHours: e.REMINDER_AFTER_HOURS,
    anslagPublishDelayDays: e.ANSLAG_PUBLISH_DELAY_DAYS,
    logLevel: e.LOG_LEVEL,
    loadExample: e.LOAD_EXAMPLE === '1' || e.LOAD_EXAMPLE === 'true',
    engineWorkers: e.ENGINE_WORKERS,
    trustProxy: e.TRUST_PROXY,
    testPauseInSignatureMs: testHooks ? e.JUSTERA_TEST_PAUSE_IN_SIGNATURE_MS : 0,
  };
}
