/**
 * API keys for systems: `jk_` + 32 random bytes (base64url). Only the SHA-256 of a key is stored; the key
 * itself is shown once, when it is created. Scopes limit what a key may do.
 */
import { createHash, randomBytes } from 'node:crypto';
import { JusteraError } from '../errors';
import type { Db } from '../storage/db';
import { countApiKeys, findApiKeyByHash, insertApiKey, type ApiKeyRow } from '../storage/api-keys-repository';

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

/** The key's row when the key is known and not revoked; undefined otherwise (never says which). */
export async function authenticateApiKey(db: Db, key: string): Promise<ApiKeyRow | undefined> {
  if (!key.startsWith(API_KEY_PREFIX) || key.length > 100) return undefined;
  const row = await findApiKeyByHash(db, hashApiKey(key));
  return row && row.revokedAt === null ? row : undefined;
}

export async function hasApiKeys(db: Db): Promise<boolean> {
  return (await countApiKeys(db)) > 0;
}
