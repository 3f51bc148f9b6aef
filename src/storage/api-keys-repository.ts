/** API keys for systems: only the SHA-256 of a key is stored, so a database leak reveals no usable key. */
import type { Db } from './db';

export interface ApiKeyRow {
  id: string;
  name: string;
  keyHash: string;
  scopes: string[];
  createdAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

interface ApiKeyRecord {
  id: string;
  name: string;
  key_hash: string;
  scopes: string;
  created_at: string;
  revoked_at: string | null;
  last_used_at: string | null;
}

function toRow(r: ApiKeyRecord): ApiKeyRow {
  return {
    id: r.id,
    name: r.name,
    keyHash: r.key_hash,
    scopes: r.scopes.split(' ').filter((s) => s.length > 0),
    createdAt: r.created_at,
    revokedAt: r.revoked_at,
    lastUsedAt: r.last_used_at,
  };
}

export async function insertApiKey(db: Db, row: ApiKeyRow): Promise<void> {
  await db('api_keys').insert({
    id: row.id,
    name: row.name,
    key_hash: row.keyHash,
    scopes: row.scopes.join(' '),
    created_at: row.createdAt,
    revoked_at: row.revokedAt,
    last_used_at: row.lastUsedAt,
  });
}

export async function findApiKeyByHash(db: Db, keyHash: string): Promise<ApiKeyRow | undefined> {
  const r = (await db('api_keys').where({ key_hash: keyHash }).first()) as ApiKeyRecord | undefined;
  return r ? toRow(r) : undefined;
}

export async function listApiKeys(db: Db): Promise<ApiKeyRow[]> {
  return ((await db('api_keys').orderBy('created_at')) as ApiKeyRecord[]).map(toRow);
}

export async function countApiKeys(db: Db): Promise<number> {
  const row = (await db('api_keys').count({ n: '*' }).first()) as { n: number | string } | undefined;
  return Number(row?.n ?? 0);
}

export async function revokeApiKey(db: Db, id: string, at: string): Promise<boolean> {
  return (await db('api_keys').where({ id }).whereNull('revoked_at').update({ revoked_at: at })) > 0;
}

export async function touchApiKey(db: Db, id: string, at: string): Promise<void> {
  await db('api_keys').where({ id }).update({ last_used_at: at });
}
