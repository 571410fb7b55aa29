/** Timing helpers: medians of repeated runs, in milliseconds. */
import { App, Stack } from 'aws-cdk-lib';

/** The resource limit of one stack, raised so one stack can hold thousands of roles. */
export const APP_CONTEXT = { '@aws-cdk/core:stackResourceLimit': 20000 };

/** Collects garbage when node runs with --expose-gc (the benchmark's sections do), so each run starts from the same heap. */
const collectGarbage = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

/** Milliseconds one call of `work` takes, from a heap emptied of the previous runs' garbage. */
export function time(work: () => void): number {
  collectGarbage();
  const start = process.hrtime.bigint();
  work();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** The median of `runs` timings of `work` (after one warm-up run). */
export function median(runs: number, work: () => void): number {
  return medians(runs, [work])[0];
}

/** The median timing of each of several works, run alternately `runs` times (after one warm-up round). */
export function medians(runs: number, works: Array<() => void>): number[] {
  works.forEach((work) => work());
  const timings = works.map(() => [] as number[]);
  for (let run = 0; run < runs; run++) works.forEach((work, i) => timings[i].push(time(work)));
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
