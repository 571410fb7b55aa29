import { readFileSync } from 'fs';
import { join } from 'path';

/** This package's version, from its package.json (one folder above `src/` and `lib/`). */
export function packageVersion(): string {
  return JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')).version;
}
