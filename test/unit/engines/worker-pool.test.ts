/** The one thread pool (src/engines/worker-pool.ts): errors cross the thread, dead and stuck workers are replaced. */
import { join } from 'node:path';
import { JusteraError } from '../../../src/errors';
import { WorkerPool, type WorkerPoolOptions } from '../../../src/engines/worker-pool';
import type { PoolTestTask } from './fixtures/pool-test-worker';

const errors: WorkerPoolOptions['errors'] = {
  fromWorker: (error) => (error.code ? new JusteraError(error.code, error.message, error.field === undefined ? {} : { field: error.field }) : new Error(error.message)),
  crashed: ({ exitCode }) => new JusteraError('ERR_PDF_LIMIT_EXCEEDED', `worker stopped (exit code ${exitCode})`),
  shuttingDown: () => new JusteraError('ERR_WRONG_STATE', 'closed'),
};

function pool(options: Partial<WorkerPoolOptions> = {}): WorkerPool<PoolTestTask, string> {
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
});
