/** Timing helpers: medians of repeated runs, in milliseconds. */
import { App, Stack } from 'aws-cdk-lib';

/** The resource limit of one stack, raised so one stack can hold thousands of roles. */
export const APP_CONTEXT = { '@aws-cdk/core:stackResourceLimit': 20000 };

/** Collects garbage when node runs with --expose-gc (`npm run bench` does). */
const collectGarbage = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

/** Milliseconds one call of `work` takes. */
export function time(work: () => void): number {
  const start = process.hrtime.bigint();
  work();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** The median of `runs` timings of `work` (after one warm-up run). */
export function median(runs: number, work: () => void, fromCollectedHeap = false): number {
  return medians(runs, [work], fromCollectedHeap)[0];
}

/**
 * The median timing of each of several works, run alternately `runs` times (after one warm-up round).
 * `fromCollectedHeap` collects garbage before each run: for synths, which allocate hundreds of megabytes,
 * so one run's garbage is not collected in the next one's time. Not for runs of a few milliseconds: a full
 * collection shrinks V8's young generation, and such a run then spends much of its time growing it back
 * (the CLI section measured 6.5 instead of about 3 that way), which is not the steady state it measures.
 */
export function medians(runs: number, works: Array<() => void>, fromCollectedHeap = false): number[] {
  works.forEach((work) => work());
  const timings = works.map(() => [] as number[]);
  for (let run = 0; run < runs; run++) {
    works.forEach((work, i) => {
      if (fromCollectedHeap) collectGarbage();
      timings[i].push(time(work));
    });
  }
  return timings.map((list) => list.sort((a, b) => a - b)[Math.floor(list.length / 2)]);
}

/** Builds an app with `count` roles made by `add`, and synthesizes it. */
export function synthApp(count: number, add: (stack: Stack, i: number) => void, register?: (app: App) => void): void {
  const app = new App({ context: APP_CONTEXT });
  const stack = new Stack(app, 'Bench');
  for (let i = 0; i < count; i++) add(stack, i);
  register?.(app);
  app.synth();
}
