/**
 * docs/errors.md lists every error code with its HTTP status, and nothing else: the codes come from the total
 * status table (src/server/error-status.ts), which the compiler holds to the ErrorCode union.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HTTP_STATUS } from '../../src/server/error-status';

const DOC = readFileSync(join(__dirname, '../../docs/errors.md'), 'utf8');
/** The answer to an unexpected failure: documented for clients, but no code of src/errors.ts. */
const NOT_A_CODE = ['ERR_INTERNAL'];

/** The rows of the first table, `| \`CODE\` | status | meaning |`, in the order written. */
function documentedRows(): { code: string; status: string }[] {
  const table = DOC.split('\n## ')[0]!;
  return [...table.matchAll(/^\| `(ERR_[A-Z0-9_]+)`[^|]*\| ([^|]*) \|/gm)].map((match) => ({ code: match[1]!, status: match[2]!.trim() }));
}

describe('docs/errors.md', () => {
  const rows = documentedRows();
  const codes = Object.keys(HTTP_STATUS);

  it('has a row for every error code', () => {
    const documented = new Set(rows.map((row) => row.code));
    expect(codes.filter((code) => !documented.has(code))).toEqual([]);
  });

  it('documents no code that does not exist, and each code once (one meaning)', () => {
    expect(rows.map((row) => row.code).filter((code) => !codes.includes(code) && !NOT_A_CODE.includes(code))).toEqual([]);
    expect(rows.map((row) => row.code).filter((code, index, all) => all.indexOf(code) !== index)).toEqual([]);
  });

  it('gives each code the HTTP status the service answers', () => {
    const wrong = rows
      .filter((row) => !NOT_A_CODE.includes(row.code))
      .filter((row) => row.status !== String(HTTP_STATUS[row.code as keyof typeof HTTP_STATUS]))
      .map((row) => `${row.code}: ${row.status} documented, ${HTTP_STATUS[row.code as keyof typeof HTTP_STATUS]} answered`);
    expect(wrong).toEqual([]);
  });
});
