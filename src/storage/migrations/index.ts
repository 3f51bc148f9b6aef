/**
 * Programmatic knex migration source: the migrations are TypeScript modules compiled with the rest, so the
 * service needs no migrations folder at run time. The same code runs on SQLite and PostgreSQL.
 */
import type { Knex } from 'knex';
import * as initial from './001-initial';
import * as anslag from './100-anslag';
import * as sessions from './200-sessions';
import * as protocolPdf from './300-protocol-pdf';
import * as protocolText from './400-protocol-text';
import * as blobChains from './500-blob-chains';
import * as blobStorage from './600-blob-storage';

interface Migration {
  up(knex: Knex): Promise<void>;
  down(knex: Knex): Promise<void>;
}

const migrations: ReadonlyArray<[string, Migration]> = [['001-initial', initial], ['100-anslag', anslag], ['200-sessions', sessions], ['300-protocol-pdf', protocolPdf], ['400-protocol-text', protocolText], ['500-blob-chains', blobChains], ['600-blob-storage', blobStorage]];

export const migrationSource: Knex.MigrationSource<string> = {
  getMigrations: () => Promise.resolve(migrations.map(([name]) => name)),
  getMigrationName: (name) => name,
  getMigration: (name) => {
    const found = migrations.find(([candidate]) => candidate === name);
    if (!found) return Promise.reject(new Error(`unknown migration ${name}`));
    return Promise.resolve(found[1]);
  },
};
