import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  alertDetectors,
  annotationKinds,
  capacityStatuses,
  capacityUnits,
  consentStatuses,
  consentTypes,
  naloxoneRecipientCategories,
  overdoseSourceTypes,
  personSexes,
  referralUrgencies,
  sensitivities,
  serviceStatuses,
  worklistTaskStatuses,
} from '@continuum/contracts';

/*
 * The database's check constraints repeat vocabularies the contracts own: a migration is written once
 * and never imports, so this test pins the two together. When a contract vocabulary changes, a new
 * migration must change the constraint to the same list (the newest constraint text is what is looked for).
 */

const migrationsFolder = fileURLToPath(new URL('./migrations/', import.meta.url));
const migrations = readdirSync(migrationsFolder)
  .filter((name) => name.endsWith('.ts') && !name.includes('.test.'))
  .map((name) => readFileSync(`${migrationsFolder}${name}`, 'utf8'))
  .join('\n');

const pins: [column: string, vocabulary: readonly string[]][] = [
  ['urgency', referralUrgencies],
  ['sensitivity', sensitivities],
  ['signal_sensitivity', sensitivities],
  ['sex', personSexes],
  ['status', consentStatuses],
  ['type', consentTypes],
  ['status', capacityStatuses],
  ['unit', capacityUnits],
  ['status', serviceStatuses],
  ['status', worklistTaskStatuses],
  ['kind', annotationKinds],
  ['source_type', overdoseSourceTypes],
  ['recipient_category', naloxoneRecipientCategories],
  ['detector', alertDetectors],
];

describe('database check constraints and contract vocabularies', () => {
  it.each(pins)('%s is checked against %j', (column, vocabulary) => {
    const constraint = `check (${column} in (${vocabulary.map((value) => `'${value}'`).join(', ')}))`;
    expect(migrations).toContain(constraint);
  });
});
