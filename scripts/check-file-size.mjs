// Small files: no non-test source file over 300 lines unless a comment in its first lines says why
// ("Longer than 300 lines…"). Run by `npm run check:size` and in CI; decision 0014.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const LIMIT = 300;
const ROOTS = ['packages/contracts/src', 'packages/server/src', 'packages/web/src', 'packages/web/e2e', 'bench', 'scripts'];
const SOURCE = /\.(ts|tsx|mjs|js)$/;
const TEST = /\.(test|int\.test|e2e)\.(ts|tsx)$/;
const REASON = /longer than 300 lines/i;

function* files(dir) {
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of entries) {
    if (name === 'node_modules' || name === 'data' || name === 'dist') continue;
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) yield* files(full);
    else if (SOURCE.test(name) && !TEST.test(name)) yield full;
  }
}

const offenders = [];
for (const root of ROOTS) {
  for (const file of files(root)) {
    const lines = readFileSync(file, 'utf8').split('\n');
    const count = lines.at(-1) === '' ? lines.length - 1 : lines.length;
    if (count > LIMIT && !REASON.test(lines.slice(0, 8).join('\n'))) offenders.push(`${file} (${count} lines)`);
  }
}
if (offenders.length > 0) {
  process.stderr.write(`Files over ${LIMIT} lines need a split or a first-lines comment "Longer than ${LIMIT} lines: <why>":\n`);
  for (const o of offenders) process.stderr.write(`  ${o}\n`);
  process.exit(1);
}
process.stdout.write(`No source file over ${LIMIT} lines without a reason.\n`);
