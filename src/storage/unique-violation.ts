/**
 * A unique constraint refused an insert: PostgreSQL's SQLSTATE 23505, better-sqlite3's
 * SQLITE_CONSTRAINT_UNIQUE. Callers that race on a unique value (a verification code) retry on it.
 */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}
