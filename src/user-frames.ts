import { basename, dirname, join, sep } from 'path';

/**
 * The library's own folders: this file's (`lib/` when installed, `src/` when run from source) and its twin, as
 * stack frames name either once source maps are applied.
 */
const LIBRARY_FOLDERS = [__dirname, join(dirname(__dirname), basename(__dirname) === 'lib' ? 'src' : 'lib')].map((folder) => `${folder}${sep}`);

/** How many of the library's frames may stand between a user's call and the error: enough for any construct. */
const LIBRARY_DEPTH = 40;

/**
 * An error whose stack starts at the caller's code: the library's own frames above the first frame outside it
 * are left out, so the message comes first and the first frame (the one Node and source-map-support show an
 * excerpt of) is the user's `new SomeRole(...)` line, not a file of the library.
 */
export function errorFromUserCode(message: string): Error {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = limit + LIBRARY_DEPTH; // the library's frames would otherwise push the user's out of the stack
  const error = new Error(message);
  Error.stackTraceLimit = limit;
  const lines = (error.stack ?? '').split('\n');
  const firstFrame = lines.findIndex((line) => /^\s+at /.test(line));
  if (firstFrame < 0) return error;
  const frames = lines.slice(firstFrame);
  const userStart = frames.findIndex((frame) => !LIBRARY_FOLDERS.some((folder) => frame.includes(folder)));
  if (userStart <= 0) return error; // thrown from user code, or only library frames: leave the stack as it is
  error.stack = [...lines.slice(0, firstFrame), ...frames.slice(userStart, userStart + limit)].join('\n');
  return error;
}

/**
 * The first frame of a CDK creation stack (`CfnElement.creationStack`, CDK's "just my code" rendering) that is
 * the user's: not a summary of library frames (`...new Role2 in aws-cdk-lib...`) and not this library's own.
 */
export function firstUserFrame(creationStack: readonly string[]): string | undefined {
  return creationStack.find((frame) => !frame.startsWith('...') && !LIBRARY_FOLDERS.some((folder) => frame.includes(folder)));
}
