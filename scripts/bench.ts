/**
 * `npm run bench`: every benchmark in scripts/bench/*.js (compiled from scripts/bench/*.ts) in turn.
 * Speed is measured here, never in tests. Each benchmark module exports `run(): Promise<void>` and
 * prints its own lines through `report`.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

interface BenchModule {
  run(): Promise<void>;
}

async function main(): Promise<void> {
  const dir = join(__dirname, 'bench');
  const only = process.argv.slice(2);
  const files = readdirSync(dir)
    .filter((file) => file.endsWith('.js') && file !== 'measure.js')
    .filter((file) => only.length === 0 || only.some((name) => file.startsWith(name)))
    .sort();
  for (const file of files) {
    const bench = (await import(join(dir, file))) as BenchModule;
    await bench.run();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
