/** Timing helpers shared by the benchmarks: warm-up, then the median and p99 of many runs. */
import { performance } from 'node:perf_hooks';

export interface Timing {
  runs: number;
  medianMs: number;
  p99Ms: number;
  minMs: number;
}

export async function measure(task: () => unknown, runs = 200, warmup = 20): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await task();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await task();
    samples.push(performance.now() - start);
  }
  return summarise(samples);
}

/**
 * Each task once per round, in turn, `runs` rounds: a load that comes and goes on the machine then falls
 * on every task alike, so their ratio means something even where their times do not.
 */
export function alternate(tasks: readonly (() => void)[], runs = 30, warmup = 3): Timing[] {
  const samples: number[][] = tasks.map(() => []);
  for (let round = 0; round < warmup + runs; round++) {
    tasks.forEach((task, i) => {
      const start = performance.now();
      task();
      if (round >= warmup) samples[i].push(performance.now() - start);
    });
  }
  return samples.map(summarise);
}

function summarise(samples: number[]): Timing {
  const runs = samples.length;
  samples.sort((a, b) => a - b);
  return { runs, medianMs: samples[Math.floor(runs / 2)], p99Ms: samples[Math.min(runs - 1, Math.floor(runs * 0.99))], minMs: samples[0] };
}

export function report(label: string, timing: Timing, goalMs?: number): void {
  const goal = goalMs === undefined ? '' : `  (goal ≤ ${goalMs} ms: ${timing.medianMs <= goalMs ? 'met' : 'NOT met'})`;
  console.log(`${label.padEnd(60)} median ${timing.medianMs.toFixed(2)} ms  p99 ${timing.p99Ms.toFixed(2)} ms  over ${timing.runs} runs${goal}`);
}
