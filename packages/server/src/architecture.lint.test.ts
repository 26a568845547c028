import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

/*
 * The module rules of ARCHITECTURE.md and decision 0014 are enforced by the repository's ESLint
 * configuration. These fixtures are linted with that configuration at the path they would have, so
 * a rule that stops firing (or starts firing on allowed code) fails here.
 */

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const src = 'packages/server/src';

let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: repoRoot });
});

async function ruleIds(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(repoRoot, src, file) });
  const messages = result?.messages ?? [];
  const fatal = messages.find((m) => m.fatal);
  if (fatal) throw new Error(`the fixture does not parse: ${fatal.message}`);
  return messages.map((m) => m.ruleId ?? '');
}

describe('front doors: another module is imported only through its index.ts', () => {
  const cases: { file: string; from: string; refused: boolean }[] = [
    { file: 'modules/referrals/fixture.ts', from: '../registry/chokepoint.ts', refused: true },
    { file: 'modules/referrals/fixture.ts', from: '../registry/sources/referral-consent.ts', refused: true },
    { file: 'modules/referrals/fixture.ts', from: '../registry/index.ts', refused: false },
    { file: 'modules/referrals/fixture.ts', from: './referral-rules.ts', refused: false },
    { file: 'modules/referrals/fixture.ts', from: '../../db/database.ts', refused: false },
    { file: 'modules/referrals/fixture.ts', from: '../../core/access-context.ts', refused: false },
    { file: 'modules/directory/hsds/fixture.ts', from: '../../audit/audit.ts', refused: true },
    { file: 'modules/directory/hsds/fixture.ts', from: '../../audit/index.ts', refused: false },
    { file: 'modules/directory/hsds/fixture.ts', from: '../geo.ts', refused: false },
    { file: 'modules/registry/sources/fixture.ts', from: '../access-decision.ts', refused: false },
    { file: 'modules/registry/sources/fixture.ts', from: '../../worklist/tasks.ts', refused: true },
    { file: 'modules/linkage/fixture.ts', from: '../registry/people.ts', refused: true },
    { file: 'modules/linkage/fixture.ts', from: '../registry/index.ts', refused: false },
    { file: 'cli/fixture.ts', from: '../modules/audit/audit.ts', refused: true },
    { file: 'cli/fixture.ts', from: '../modules/audit/index.ts', refused: false },
    { file: 'demo/fixture.ts', from: '../modules/registry/care-events.ts', refused: true },
    { file: 'app.ts', from: './modules/safety/safety.routes.ts', refused: true },
  ];
  it.each(cases)('$file importing $from: refused $refused', async ({ file, from, refused }) => {
    const ids = await ruleIds(file, `import { thing } from '${from}';\nexport const used = thing;\n`);
    expect(ids.includes('no-restricted-imports')).toBe(refused);
  });
});

describe('person-level tables are read only by their owning module', () => {
  const select = (table: string) =>
    `import type { Db } from '../../db/database.ts';\nexport const q = (db: Db) => db.selectFrom('${table}').selectAll().execute();\n`;
  const cases: { file: string; code: string; refused: boolean }[] = [
    { file: 'modules/learning/fixture.ts', code: select('referrals'), refused: true },
    { file: 'modules/learning/fixture.ts', code: select('worklist_tasks'), refused: true },
    { file: 'modules/learning/fixture.ts', code: select('overdose_events'), refused: true },
    { file: 'modules/learning/fixture.ts', code: select('naloxone_distributions'), refused: true },
    { file: 'modules/learning/fixture.ts', code: select('person_events'), refused: true },
    { file: 'modules/referrals/fixture.ts', code: select('referrals'), refused: false },
    { file: 'modules/referrals/fixture.ts', code: select('people'), refused: true },
    { file: 'modules/worklist/fixture.ts', code: select('worklist_tasks as t'), refused: false },
    { file: 'modules/worklist/fixture.ts', code: select('overdose_events'), refused: true },
    { file: 'modules/registry/fixture.ts', code: select('people'), refused: false },
    { file: 'modules/registry/fixture.ts', code: select('referrals'), refused: true },
    { file: 'modules/linkage/fixture.ts', code: select('person_names'), refused: true },
    { file: 'modules/learning/fixture.ts', code: select('learning_results'), refused: false },
    {
      file: 'cli/fixture.ts',
      code: "import { sql } from 'kysely';\nexport const q = sql`select id from worklist_tasks where status = 'open'`;\n",
      refused: true,
    },
    { file: 'db/migrations/fixture.ts', code: select('people'), refused: false },
  ];
  it.each(cases)('$file: refused $refused', async ({ file, code, refused }) => {
    const ids = await ruleIds(file, code);
    expect(ids.includes('no-restricted-syntax')).toBe(refused);
  });
});

describe('every table is read and written only by its owning module', () => {
  const select = (table: string) =>
    `import type { Db } from '../../db/database.ts';\nexport const q = (db: Db) => db.selectFrom('${table}').selectAll().execute();\n`;
  const join = (table: string) =>
    `import type { Db } from '../../db/database.ts';\n` +
    `export const q = (db: Db) => db.selectFrom('jobs as j').leftJoin('${table}', 'u.id', 'j.id').selectAll().execute();\n`;
  const insert = (table: string) =>
    `import type { Db } from '../../db/database.ts';\nexport const q = (db: Db) => db.insertInto('${table}').values({}).execute();\n`;
  const owned = /front door.*table ownership/;
  const cases: { file: string; code: string; refused: boolean }[] = [
    { file: 'modules/referrals/fixture.ts', code: select('organizations'), refused: true },
    { file: 'modules/referrals/fixture.ts', code: join('users as u'), refused: true },
    { file: 'modules/worklist/fixture.ts', code: join('memberships as m'), refused: true },
    { file: 'modules/safety/fixture.ts', code: select('users'), refused: true },
    { file: 'modules/registry/fixture.ts', code: select('sessions'), refused: true },
    { file: 'modules/referrals/fixture.ts', code: select('directory_services'), refused: true },
    { file: 'modules/learning/fixture.ts', code: select('overdose_alerts'), refused: true },
    { file: 'modules/overdose/fixture.ts', code: insert('notifications'), refused: true },
    { file: 'modules/feeds/fixture.ts', code: select('api_tokens'), refused: true },
    {
      file: 'http/fixture.ts',
      code: "import { sql } from 'kysely';\nexport const q = sql`select roles from memberships join organizations on true`;\n",
      refused: true,
    },
    { file: 'modules/identity/fixture.ts', code: join('users as u'), refused: false },
    { file: 'modules/identity/fixture.ts', code: select('organizations'), refused: true },
    { file: 'modules/organizations/fixture.ts', code: select('organizations'), refused: false },
    { file: 'modules/directory/fixture.ts', code: select('directory_services'), refused: false },
    { file: 'modules/overdose/fixture.ts', code: select('overdose_alerts'), refused: false },
    { file: 'modules/overdose/fixture.ts', code: select('areas'), refused: false },
    { file: 'demo/fixture.ts', code: insert('users'), refused: false },
  ];
  it.each(cases)('$file: refused $refused', async ({ file, code, refused }) => {
    const [result] = await eslint.lintText(code, { filePath: path.join(repoRoot, src, file) });
    const messages = result?.messages ?? [];
    expect(messages.find((m) => m.fatal)).toBeUndefined();
    const refusals = messages.filter((m) => m.ruleId === 'no-restricted-syntax');
    expect(refusals.length > 0).toBe(refused);
    for (const m of refusals) expect(m.message).toMatch(owned);
  });
});
