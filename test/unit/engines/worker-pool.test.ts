/** The one thread pool (src/engines/worker-pool.ts): errors cross the thread, dead and stuck workers are replaced. */
import { join } from 'node:path';
import { JusteraError } from '../../../src/errors';
import { WorkerPool, type WorkerPoolOptions } from '../../../src/engines/worker-pool';
import type { PoolTestTask } from './fixtures/pool-test-worker';

const errors: WorkerPoolOptions<PoolTestTask>['errors'] = {
  fromWorker: (error) => (error.code ? new JusteraError(error.code, error.message, error.field === undefined ? {} : { field: error.field }) : new Error(error.message)),
  crashed: ({ exitCode }) => new JusteraError('ERR_PDF_LIMIT_EXCEEDED', `worker stopped (exit code ${exitCode})`),
  shuttingDown: () => new JusteraError('ERR_WRONG_STATE', 'closed'),
};

function pool(options: Partial<WorkerPoolOptions<PoolTestTask>> = {}): WorkerPool<PoolTestTask, string> {
  return new WorkerPool<PoolTestTask, string>({ script: join(__dirname, 'fixtures', 'pool-test-worker'), size: 1, errors, ...options });
}

describe('WorkerPool', () => {
  it('hands back results and a worker’s JusteraError with its code and field', async () => {
    const p = pool({ size: 2, tasksPerWorker: 4 });
    try {
      const values = ['a', 'b', 'c', 'd', 'e', 'f'];
      expect(await Promise.all(values.map((value, i) => p.run({ op: 'echo', value, delayMs: (values.length - i) * 5 })))).toEqual(values);
      await expect(p.run({ op: 'refuse' })).rejects.toMatchObject({ code: 'ERR_PDF_MALFORMED', field: 'pdf', message: 'refused as asked' });
    } finally {
      await p.close();
    }
  });

  it('fails the task of a worker that dies with the owner’s error, and goes on with a new worker', async () => {
    const p = pool();
    try {
      await expect(p.run({ op: 'crash' })).rejects.toMatchObject({ code: 'ERR_PDF_LIMIT_EXCEEDED', message: 'worker stopped (exit code 3)' });
      expect(await p.run({ op: 'echo', value: 'after' })).toBe('after');
    } finally {
      await p.close();
    }
  });

  it('stops a task past its time-out, replaces the worker, and refuses tasks beyond the queue', async () => {
    // Long enough for a fresh worker to start on a loaded machine: the queued task's clock starts when it is handed over.
    const p = pool({ timeout: { ms: 3000, error: () => new JusteraError('ERR_PDF_TIMEOUT', 'too slow') }, maxQueue: { size: 1, error: () => new JusteraError('ERR_RATE_LIMITED', 'busy') } });
    try {
      const hung = p.run({ op: 'hang' });
      const queued = p.run({ op: 'echo', value: 'queued' });
      await expect(p.run({ op: 'echo', value: 'refused' })).rejects.toMatchObject({ code: 'ERR_RATE_LIMITED' });
      await expect(hung).rejects.toMatchObject({ code: 'ERR_PDF_TIMEOUT' });
      expect(await queued).toBe('queued');
    } finally {
      await p.close();
    }
    await expect(p.run({ op: 'echo', value: 'late' })).rejects.toMatchObject({ code: 'ERR_WRONG_STATE' });
  });

  it('keeps each kind of task in its home worker while that one is at most four tasks busier than the other', async () => {
    const p = pool({ size: 2, tasksPerWorker: Number.POSITIVE_INFINITY, homesOf: (task) => [task.op === 'thread' ? task.home : 0] });
    try {
      const one = (home: number, delayMs = 0) => p.run({ op: 'thread', home, delayMs });
      const sequential = [await one(0), await one(1), await one(0), await one(1), await one(0)];
      expect(new Set([sequential[0], sequential[2], sequential[4]]).size).toBe(1);
      expect(new Set([sequential[1], sequential[3]]).size).toBe(1);
      expect(sequential[0]).not.toBe(sequential[1]);
      // Eight at once at home 0: five go home, the sixth elsewhere, the seventh home again, the eighth elsewhere.
      const together = await Promise.all(Array.from({ length: 8 }, () => one(0, 200)));
      expect(together.map((thread) => (thread === sequential[0] ? 'home' : 'other'))).toEqual(['home', 'home', 'home', 'home', 'home', 'other', 'home', 'other']);
    } finally {
      await p.close();
    }
  });
});
