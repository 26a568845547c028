// @vitest-environment node
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

/*
 * The web feature front doors of ARCHITECTURE.md and decision 0017 are enforced by the repository's ESLint
 * configuration. These fixtures are linted with that configuration at the path they would have, so a rule
 * that stops firing (or starts firing on allowed code) fails here.
 */

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const src = 'packages/web/src';

let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: repoRoot });
});

async function refused(file: string, from: string): Promise<boolean> {
  const code = `import { thing } from '${from}';\nexport const used = thing;\n`;
  const [result] = await eslint.lintText(code, { filePath: path.join(repoRoot, src, file) });
  const messages = result?.messages ?? [];
  const fatal = messages.find((m) => m.fatal);
  if (fatal) throw new Error(`the fixture does not parse: ${fatal.message}`);
  return messages.some((m) => m.ruleId === 'no-restricted-imports');
}

describe('web front doors: another feature is imported only through its index.ts', () => {
  const cases: { file: string; from: string; refused: boolean }[] = [
    { file: 'features/consent/fixture.tsx', from: '../people/people-format.ts', refused: true },
    { file: 'features/consent/fixture.tsx', from: '../people/fake-api.ts', refused: true },
    { file: 'features/consent/fixture.tsx', from: '../organizations/organization-picker.tsx', refused: true },
    { file: 'features/consent/fixture.tsx', from: '../organizations/index.ts', refused: false },
    { file: 'features/consent/fixture.tsx', from: './consent-format.ts', refused: false },
    { file: 'features/consent/fixture.tsx', from: '../../ui/person-format.ts', refused: false },
    { file: 'features/consent/fixture.tsx', from: '../../api/api-context.tsx', refused: false },
    { file: 'features/consent/fixture.tsx', from: '../../features/people/people-format.ts', refused: true },
    { file: 'features/analytics/charts/fixture.tsx', from: '../../people/person-page.tsx', refused: true },
    { file: 'features/analytics/charts/fixture.tsx', from: '../../people/index.ts', refused: false },
    { file: 'features/analytics/charts/fixture.tsx', from: '../measure-card.tsx', refused: false },
    { file: 'app/fixture.tsx', from: '../features/inbox/inbox-link.tsx', refused: true },
    { file: 'app/fixture.tsx', from: '../features/inbox/index.ts', refused: false },
    { file: 'ui/fixture.tsx', from: '../features/people/people-format.ts', refused: true },
    { file: 'api/fixture.ts', from: '../features/people/api.ts', refused: false },
    { file: 'api/fixture.ts', from: '../features/people/fake-api.ts', refused: true },
    { file: 'test-support/fixture.ts', from: '../features/people/fake-api.ts', refused: false },
    { file: 'test-support/fixture.ts', from: '../features/people/person-page.tsx', refused: true },
    { file: 'features/people/fixture.test.tsx', from: '../consent/fake-api.ts', refused: false },
    { file: 'features/people/fixture.tsx', from: '../linkage/person-index-format.ts', refused: true },
    { file: 'features/people/fixture.tsx', from: '../linkage/index.ts', refused: false },
    { file: 'app/fixture.tsx', from: '../features/linkage/linkage-summary.tsx', refused: true },
    { file: 'app/fixture.tsx', from: '../features/linkage/index.ts', refused: false },
  ];
  it.each(cases)('$file importing $from: refused $refused', async ({ file, from, refused: expected }) => {
    expect(await refused(file, from)).toBe(expected);
  });

  it('refuses a type-only import and a re-export through a back door too', async () => {
    const file = path.join(repoRoot, src, 'features/referrals/fixture.ts');
    const code =
      "import type { PeopleApi } from '../people/api.ts';\nexport type P = PeopleApi;\nexport { personName } from '../people/people-format.ts';\n";
    const [result] = await eslint.lintText(code, { filePath: file });
    expect(result?.messages.filter((m) => m.ruleId === 'no-restricted-imports')).toHaveLength(2);
  });
});

describe('web front doors: every feature has one', () => {
  const featuresDir = path.join(repoRoot, src, 'features');
  const features = readdirSync(featuresDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);
  it.each(features)('features/%s/index.ts exists', (feature) => {
    expect(existsSync(path.join(featuresDir, feature, 'index.ts'))).toBe(true);
  });
});
