/**
 * Loads the command line's bundle (dist/cli/justera.js) with V8's code cache kept beside it, so a start
 * neither compiles the bundle nor, for the functions the previous run used, compiles them lazily again:
 * a third less work for `justera verify one.pdf`. Node 20 has no `module.enableCompileCache` (22.1+).
 *
 * V8 checks the cache against its own version and flags, but a source of the same length passes its check,
 * so a cache older than the bundle (a rebuild) is never used. The cache is written after a run that had
 * none or had one V8 refused; a folder the user may not write (an installation owned by root) just keeps
 * every run compiling, as without the cache.
 *
 * Node 20's user-land startup snapshot (`--build-snapshot`) is no alternative (tried for issue 14): the
 * bin, a node script, would have to start a second node with `--snapshot-blob` (a trivial snapshot starts
 * as slowly as `node -e 0`), and a snapshot of this bundle fails: evaluated through node:module it trips an
 * internal assertion on deserialization, with the verifier loaded it aborts on an unserialisable handle.
 */
import { readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { Script } from 'node:vm';

export interface CachedLoad<T> {
  exports: T;
  /** Writes the code cache when this run had no usable one; call once the command has done its work. */
  saveCache(): void;
}

type ModuleWrapper = (exports: unknown, require: NodeJS.Require, module: Module, filename: string, dirname: string) => void;

function usableCache(file: string, cacheFile: string): Buffer | undefined {
  try {
    return statSync(cacheFile).mtimeMs > statSync(file).mtimeMs ? readFileSync(cacheFile) : undefined;
  } catch {
    return undefined;
  }
}

export function requireWithCodeCache<T>(file: string): CachedLoad<T> {
  const cacheFile = `${file}.cache`;
  const cachedData = usableCache(file, cacheFile);
  const script = new Script(Module.wrap(readFileSync(file, 'utf8')), { filename: file, cachedData });
  const module = new Module(file);
  module.filename = file;
  require.cache[file] = module;
  (script.runInThisContext() as ModuleWrapper).call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  module.loaded = true;
  return {
    exports: module.exports as T,
    saveCache() {
      if (cachedData !== undefined && !script.cachedDataRejected) return;
      const partial = `${cacheFile}.${process.pid}`;
      try {
        writeFileSync(partial, script.createCachedData());
        renameSync(partial, cacheFile);
      } catch {
        // Not writable: no cache, the bundle still runs.
        rmSync(partial, { force: true });
      }
    },
  };
}
