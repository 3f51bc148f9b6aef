/**
 * API keys for systems: `jk_` + 32 random bytes (base64url). Only the SHA-256 of a key is stored; the key
 * itself is shown once, when it is created. Scopes limit what a key may do.
 */
import { createHash, randomBytes } from 'node:crypto';
import { JusteraError } from '../errors';
import type { Db } from '../storage/db';
import { countApiKeys, findApiKeyByHash, insertApiKey, listApiKeys, revokeApiKey, touchApiKey, type ApiKeyRow } from '../storage/api-keys-repository';

export const API_SCOPES = ['extracts:read', 'extracts:write', 'audit:read', 'admin'] as const;
export type ApiScope = (typeof API_SCOPES)[number];

export const API_KEY_PREFIX = 'jk_';

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export function isApiScope(value: string): value is ApiScope {
  return (API_SCOPES as readonly string[]).includes(value);
}

export async function createApiKey(db: Db, input: { name: string; scopes: string[]; at: Date }): Promise<{ id: string; key: string; row: ApiKeyRow }> {
  const unknown = input.scopes.find((scope) => !isApiScope(scope));
  if (unknown !== undefined) throw new JusteraError('ERR_INPUT_INVALID', `scopes: "${unknown}" is not a scope; use ${API_SCOPES.join(', ')}`, { field: 'scopes' });
  if (input.scopes.length === 0) throw new JusteraError('ERR_INPUT_INVALID', 'scopes must name at least one scope', { field: 'scopes' });
  const name = input.name.trim();
  if (name.length === 0 || name.length > 200) throw new JusteraError('ERR_INPUT_INVALID', 'name must be 1 to 200 characters', { field: 'name' });
  const key = `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  const row: ApiKeyRow = { id: randomBytes(6).toString('hex'), name, keyHash: hashApiKey(key), scopes: [...new Set(input.scopes)], createdAt: input.at.toISOString(), revokedAt: null, lastUsedAt: null };
  await insertApiKey(db, row);
  return { id: row.id, key, row };
}

/** Last use is recorded at most this often per key, so a busy integration does not write on every request. */
const LAST_USED_RESOLUTION_MS = 3_600_000;

/** The key's row when the key is known and not revoked; undefined otherwise (never says which). */
export async function authenticateApiKey(db: Db, key: string, now: Date): Promise<ApiKeyRow | undefined> {
  if (!key.startsWith(API_KEY_PREFIX) || key.length > 100) return undefined;
  const row = await findApiKeyByHash(db, hashApiKey(key));
  if (!row || row.revokedAt !== null) return undefined;
  if (row.lastUsedAt === null || now.getTime() - Date.parse(row.lastUsedAt) > LAST_USED_RESOLUTION_MS) await touchApiKey(db, row.id, now.toISOString());
  return row;
}

export async function hasApiKeys(db: Db): Promise<boolean> {
  return (await countApiKeys(db)) > 0;
}

/** Every key, revoked ones too, without the hash of the key (which never leaves the database). */
export async function listApiKeysForAdmin(db: Db): Promise<Omit<ApiKeyRow, 'keyHash'>[]> {
  return (await listApiKeys(db)).map(({ keyHash: _hash, ...rest }) => rest);
}

/** Revokes an active key; ERR_NOT_FOUND when there is no active key with this id. */
export async function revokeActiveApiKey(db: Db, id: string, at: Date): Promise<void> {
  if (!(await revokeApiKey(db, id, at.toISOString()))) throw new JusteraError('ERR_NOT_FOUND', `no active API key with id "${id}"`, { field: 'id' });
}
