/** Writes docs/rules.md from the rules' metadata (`npx projen docs:rules`). */
import { writeFileSync } from 'fs';
import { join } from 'path';
import { rulesReference } from '../src/cli/rules-reference';

writeFileSync(join(__dirname, '..', 'docs', 'rules.md'), rulesReference());
