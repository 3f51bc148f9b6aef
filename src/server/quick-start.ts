/**
 * What a newcomer needs on a fresh start: an API key for the secretary's API (created when the database
 * has none, kept in DATA_DIR/bootstrap-api-key) and, on an empty database, the example extract created and
 * sent (dated today), so the invitation links can be followed at once through the demo provider.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../config/paths';
import { stockholmDate } from '../domain/calendar-date';
import { hasExtracts } from '../use-cases/extract-records';
import { API_SCOPES, createApiKey, hasApiKeys } from '../use-cases/api-keys';
import { createExtract, getExtractView, sendExtract } from '../use-cases/extract-service';
import type { AppDeps } from './app-deps';

export const EXAMPLE_EXTRACT = 'examples/extract-ha-2023-418-p12.json';
export const BOOTSTRAP_KEY_FILE = 'bootstrap-api-key';

export interface QuickStart {
  apiKey?: { key: string; file: string };
  example?: { id: string; invitations: { name: string; field: string; url: string }[] };
}

/**
 * The example as if its meeting were today: its 2023 date would make the justering "försenad" from the
 * first minute. Only the meeting date moves (the deadline follows it); the text carries no other date.
 */
export function exampleForToday(json: string, now: Date): Record<string, unknown> {
  return { ...(JSON.parse(json) as Record<string, unknown>), meetingDate: stockholmDate(now) };
}

export async function prepareQuickStart(deps: AppDeps): Promise<QuickStart> {
  const result: QuickStart = {};
  const db = deps.db.knex;
  if (!(await hasApiKeys(db))) {
    const created = await createApiKey(db, { name: 'bootstrap (created at first start)', scopes: [...API_SCOPES], at: deps.clock.now() });
    const file = join(deps.config.dataDir, BOOTSTRAP_KEY_FILE);
    writeFileSync(file, `${created.key}\n`, { mode: 0o600 });
    result.apiKey = { key: created.key, file };
  }
  if (deps.config.loadExample && !(await hasExtracts(deps.service))) {
    const path = join(packageRoot(), EXAMPLE_EXTRACT);
    if (existsSync(path)) {
      const actor = { kind: 'system' } as const;
      const row = await createExtract(deps.service, exampleForToday(readFileSync(path, 'utf8'), deps.clock.now()), actor);
      await sendExtract(deps.service, row.id, actor);
      const view = await getExtractView(deps.service, row.id);
      result.example = {
        id: row.id,
        invitations: view.signers.filter((s) => s.invitationUrl).map((s) => ({ name: s.name, field: s.field, url: s.invitationUrl! })),
      };
    }
  }
  return result;
}

/** The lines printed at start: where to go, in the order a newcomer needs them. */
export function quickStartLines(deps: AppDeps, quickStart: QuickStart): string[] {
  const base = deps.config.publicBaseUrl;
  const lines = [`Justera listens on ${base}`, `Start page: ${base}/`, `API description: ${base}/api/openapi.json`];
  if (deps.auth.demo) {
    lines.push(`DEMO login: the built-in demonstration OpenID provider at ${base}/demo-idp offers fictitious test persons (not for production)`);
    lines.push(`Secretary in the browser: ${base}/sekreterare (log in as Karin Sekreterare)`);
  }
  if (quickStart.apiKey) {
    lines.push(`Secretary's API: ${base}/api/v1/extracts with "Authorization: Bearer ${deps.auth.demo ? quickStart.apiKey.key : '<key>'}" (the key is in ${quickStart.apiKey.file})`);
  }
  if (quickStart.example) {
    lines.push(`Example extract ${quickStart.example.id} was created and sent: ${base}/api/v1/extracts/${quickStart.example.id}`);
    for (const invitation of quickStart.example.invitations) lines.push(`Invitation for ${invitation.name} (${invitation.field}): ${invitation.url}`);
    if (deps.config.mail.kind === 'outbox') lines.push(`The invitation mails are in the outbox: ${base}/sekreterare/utkorg (no mail is sent with MAIL_TRANSPORT=outbox)`);
  }
  return lines;
}
