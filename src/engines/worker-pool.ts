/**
 * The one pool of worker threads (the service's document engines, the public side's verifier, `justera
 * verify --jobs N`), both sides of it: `WorkerPool` in the thread that hands out tasks, `answerTasks` in
 * the worker. A task goes to the least busy worker with room for it (or to its kind's home worker, when
 * that one is nearly as free), or waits in a queue that may be bounded; a task may have a time-out; a
 * worker that dies or overruns is replaced, and the tasks it held fail with the error its owner chose, so
 * one bad input never stalls or takes down the rest.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parentPort, Worker } from 'node:worker_threads';
import { isJusteraError, type ErrorCode } from '../errors';

/** A task's error as it crosses the thread boundary: a JusteraError keeps its code and field. */
export interface WorkerError {
  code?: ErrorCode;
  field?: string;
  message: string;
}

type TaskMessage<TTask> = { id: number; task: TTask };
type ReplyMessage<TResult> = { id: number; ok: true; result: TResult } | { id: number; ok: false; error: WorkerError };

/** The errors a pool's owner answers with: each pool speaks of its own work (a document check, a signature). */
export interface WorkerPoolErrors {
  /** The error a task's worker sent back. */
  fromWorker(error: WorkerError): Error;
  /** The task's worker died before it answered: its own error, or an exit (`exitCode`). */
  crashed(cause: { error?: Error; exitCode?: number }): Error;
  /** A task after close(), and the tasks still queued at close(). */
  shuttingDown(): Error;
}

export interface WorkerPoolOptions<TTask> {
  /** Absolute path of the worker module without its extension (…/engine-worker). */
  script: string;
  /** What every worker gets at start (workerData). */
  workerData?: unknown;
  size: number;
  /**
   * Tasks one worker holds at once (default 1): more lets a worker go on while a task awaits I/O (a TSA)
   * or keeps it from waiting for its next file between two.
   */
  tasksPerWorker?: number;
  /** How long one task may take before its worker is terminated, and the task's error then; default no limit. */
  timeout?: { ms: number; error(): Error };
  /** Tasks waiting beyond `size` are refused with `error` rather than queued without end; default no bound. */
  maxQueue?: { size: number; error(): Error };
  /** Heap limit per worker in MB; default Node's. */
  maxHeapMb?: number;
  /**
   * The workers (indexes below `size`) that tasks of this kind go to, the least busy of them, while it is at
   * most HOME_SLACK tasks busier than the least busy worker of all. Each worker is a V8 isolate of its own
   * that compiles and optimizes the code it runs: kinds of task kept apart are compiled once, not in every worker.
   */
  homesOf?(task: TTask, size: number): readonly number[];
  errors: WorkerPoolErrors;
}

/**
 * How many more tasks than the least busy worker a task's home may hold before the task goes elsewhere: a
 * task is milliseconds of CPU, so a few ahead costs little waiting, and on a machine with no core to spare
 * the other worker would only compile the same code again.
 */
const HOME_SLACK = 4;

interface Task<TResult> {
  id: number;
  homes: readonly number[] | undefined;
  message: TaskMessage<unknown>;
  transfer: ArrayBuffer[];
  resolve(result: TResult): void;
  reject(error: Error): void;
  timer?: NodeJS.Timeout;
}

interface Slot<TResult> {
  worker: Worker;
  running: Map<number, Task<TResult>>;
}

/** The compiled worker, or under jest the TypeScript source through scripts/register-ts.js. */
function workerEntry(script: string): { filename: string; execArgv: string[] } {
  if (existsSync(`${script}.js`)) return { filename: `${script}.js`, execArgv: [] };
  return { filename: `${script}.ts`, execArgv: ['--require', join(__dirname, '..', '..', 'scripts', 'register-ts.js')] };
}

export class WorkerPool<TTask, TResult> {
  private readonly slots: Slot<TResult>[] = [];
  private readonly queue: Task<TResult>[] = [];
  private readonly tasksPerWorker: number;
  private nextId = 1;
  private closed = false;

  constructor(private readonly options: WorkerPoolOptions<TTask>) {
    this.tasksPerWorker = options.tasksPerWorker ?? 1;
    for (let i = 0; i < options.size; i++) this.slots.push(this.spawn());
  }

  run(task: TTask, transfer: ArrayBuffer[] = []): Promise<TResult> {
    if (this.closed) return Promise.reject(this.options.errors.shuttingDown());
    const { maxQueue } = this.options;
    if (maxQueue && this.queue.length >= maxQueue.size) return Promise.reject(maxQueue.error());
    return new Promise<TResult>((resolve, reject) => {
      const id = this.nextId++;
      this.queue.push({ id, homes: this.options.homesOf?.(task, this.options.size), message: { id, task }, transfer, resolve, reject });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const task of this.queue.splice(0)) task.reject(this.options.errors.shuttingDown());
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
  }

  private spawn(): Slot<TResult> {
    const entry = workerEntry(this.options.script);
    const worker = new Worker(entry.filename, {
      execArgv: entry.execArgv,
      workerData: this.options.workerData,
      ...(this.options.maxHeapMb !== undefined ? { resourceLimits: { maxOldGenerationSizeMb: this.options.maxHeapMb } } : {}),
    });
    // An idle worker does not keep the process alive; one with tasks does (ref() in dispatch).
    worker.unref();
    const slot: Slot<TResult> = { worker, running: new Map() };
    worker.on('message', (reply: ReplyMessage<TResult>) => {
      const task = slot.running.get(reply.id);
      if (!task) return;
      clearTimeout(task.timer);
      slot.running.delete(reply.id);
      if (slot.running.size === 0) worker.unref();
      if (reply.ok) task.resolve(reply.result);
      else task.reject(this.options.errors.fromWorker(reply.error));
      this.dispatch();
    });
    worker.on('error', (error) => this.replace(slot, this.options.errors.crashed({ error })));
    worker.on('exit', (exitCode) => this.replace(slot, this.options.errors.crashed({ exitCode })));
    return slot;
  }

  /** Fails the slot's tasks with `error` and puts a fresh worker in its place (none after close()). */
  private replace(slot: Slot<TResult>, error: Error): void {
    const index = this.slots.indexOf(slot);
    if (index < 0) return;
    for (const task of slot.running.values()) {
      clearTimeout(task.timer);
      task.reject(error);
    }
    slot.running.clear();
    void slot.worker.terminate();
    if (this.closed) {
      this.slots.splice(index, 1);
      return;
    }
    this.slots[index] = this.spawn();
    this.dispatch();
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      const slot = this.slotFor(this.queue[0]!);
      if (!slot) return;
      const task = this.queue.shift()!;
      const { timeout } = this.options;
      if (timeout) task.timer = setTimeout(() => this.replace(slot, timeout.error()), timeout.ms);
      slot.running.set(task.id, task);
      slot.worker.ref();
      slot.worker.postMessage(task.message, task.transfer);
    }
  }

  /** The least busy of the task's homes when it has room and is nearly as free as the least busy of all; else the least busy with room. */
  private slotFor(task: Task<TResult>): Slot<TResult> | undefined {
    const leastBusy = (slots: readonly Slot<TResult>[]) =>
      slots.reduce<Slot<TResult> | undefined>((best, candidate) => (candidate.running.size < (best?.running.size ?? this.tasksPerWorker) ? candidate : best), undefined);
    const least = leastBusy(this.slots);
    if (!least || task.homes === undefined) return least;
    const home = leastBusy(task.homes.map((index) => this.slots[index]).filter((slot) => slot !== undefined));
    return home && home.running.size <= least.running.size + HOME_SLACK ? home : least;
  }
}

/**
 * The worker's side: answers every task with `handle`'s result, or with its error (code and field kept
 * for a JusteraError), so the pool's owner sees what it would have seen in its own thread. `transfer`
 * names the memory a result may hand over instead of copying it.
 */
export function answerTasks<TTask, TResult>(handle: (task: TTask) => Promise<TResult>, transfer: (result: TResult) => ArrayBuffer[] = () => []): void {
  parentPort?.on('message', ({ id, task }: TaskMessage<TTask>) => {
    handle(task).then(
      (result) => parentPort?.postMessage({ id, ok: true, result } satisfies ReplyMessage<TResult>, transfer(result)),
      (error: unknown) =>
        parentPort?.postMessage({
          id,
          ok: false,
          error: {
            ...(isJusteraError(error) ? { code: error.code } : {}),
            ...(isJusteraError(error) && error.field !== undefined ? { field: error.field } : {}),
            message: error instanceof Error ? error.message : String(error),
          },
        } satisfies ReplyMessage<TResult>),
    );
  });
}
