import { describe, expect, it } from 'vitest';
import { criteriaFromLines, keyFromText } from './pathway-keys.ts';
import { attachmentProblem, compareByDeadline, dueLabel, formatBytes, reasonLabel, scoreParts } from './referral-format.ts';

const now = new Date('2026-03-04T12:00:00Z');
const MB = 1024 * 1024;

describe('dueLabel', () => {
  it.each<[string | null, string, boolean]>([
    [null, 'No deadline', false],
    ['not a date', 'No deadline', false],
    ['2026-03-04T12:00:30Z', 'Due in 1 minute', false],
    ['2026-03-04T12:45:00Z', 'Due in 45 minutes', false],
    ['2026-03-04T13:00:00Z', 'Due in 1 hour', false],
    ['2026-03-05T23:00:00Z', 'Due in 35 hours', false],
    ['2026-03-07T12:00:00Z', 'Due in 3 days', false],
    ['2026-03-04T11:59:00Z', 'Overdue by 1 minute', true],
    ['2026-03-04T09:00:00Z', 'Overdue by 3 hours', true],
    ['2026-02-25T12:00:00Z', 'Overdue by 7 days', true],
  ])('%s → %s', (deadline, text, overdue) => {
    expect(dueLabel(deadline, now)).toEqual({ text, overdue });
  });
});

describe('compareByDeadline', () => {
  it('puts the earliest deadline first (so the most overdue), then those without a deadline, most recently updated first', () => {
    const items = [
      { id: 'closed-old', nextDeadlineAt: null, updatedAt: '2026-03-01T00:00:00Z' },
      { id: 'later', nextDeadlineAt: '2026-03-06T00:00:00Z', updatedAt: '2026-03-01T00:00:00Z' },
      { id: 'overdue', nextDeadlineAt: '2026-03-02T00:00:00Z', updatedAt: '2026-03-01T00:00:00Z' },
      { id: 'closed-new', nextDeadlineAt: null, updatedAt: '2026-03-03T00:00:00Z' },
      { id: 'soon', nextDeadlineAt: '2026-03-04T13:00:00Z', updatedAt: '2026-03-01T00:00:00Z' },
    ];
    expect([...items].sort(compareByDeadline).map((i) => i.id)).toEqual(['overdue', 'soon', 'later', 'closed-new', 'closed-old']);
  });
});

describe('attachmentProblem', () => {
  it.each<[{ name: string; size: number; type: string }, string | null]>([
    [{ name: 'summary.pdf', size: 1000, type: 'application/pdf' }, null],
    [{ name: 'photo.JPG', size: 1000, type: '' }, null],
    [{ name: 'notes', size: 10, type: 'text/plain' }, null],
    [{ name: 'scan.png', size: 10 * MB, type: 'image/png' }, null],
    [{ name: 'scan.png', size: 10 * MB + 1, type: 'image/png' }, 'scan.png is 10.0 MB; the limit is 10.0 MB.'],
    [{ name: 'empty.txt', size: 0, type: 'text/plain' }, 'empty.txt is empty.'],
    [
      { name: 'letter.docx', size: 2000, type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
      'letter.docx is not a PDF, PNG, JPEG or plain-text file.',
    ],
  ])('%j → %s', (file, problem) => {
    expect(attachmentProblem(file, 10 * MB)).toBe(problem);
  });
});

describe('formatBytes', () => {
  it.each<[number, string]>([
    [1, '1 byte'],
    [900, '900 bytes'],
    [2048, '2 KB'],
    [5 * MB + MB / 2, '5.5 MB'],
  ])('%d → %s', (size, text) => {
    expect(formatBytes(size)).toBe(text);
  });
});

describe('scoreParts and reasons', () => {
  it('shows each part of a score as a clamped percentage, in a fixed order', () => {
    expect(scoreParts({ payment: 0.5, distance: 0.333, pathwayFit: 1.2, capacity: -0.1, eligibility: 0 })).toEqual([
      { key: 'pathwayFit', label: 'Pathway fit', percent: 100 },
      { key: 'capacity', label: 'Capacity', percent: 0 },
      { key: 'distance', label: 'Distance', percent: 33 },
      { key: 'eligibility', label: 'Eligibility', percent: 0 },
      { key: 'payment', label: 'Payment', percent: 50 },
    ]);
  });

  it.each<[string | null, string | null]>([
    ['no_show', 'Did not attend (no-show)'],
    ['person_declined', 'The person declined'],
    ['Waiting for a bed to open', 'Waiting for a bed to open'],
    [null, null],
  ])('reason %s reads %s', (reason, text) => {
    expect(reasonLabel(reason)).toBe(text);
  });
});

describe('pathway keys', () => {
  it.each<[string, string[], string]>([
    ['Last opioid use', [], 'last_opioid_use'],
    ['  ED discharge summary!  ', [], 'ed_discharge_summary'],
    ['72-hour follow-up', [], 'hour_follow_up'],
    ['¿Embarazo?', [], 'embarazo'],
    ['Last opioid use', ['last_opioid_use'], 'last_opioid_use_2'],
    ['123', [], 'item'],
  ])('%s (taken %j) → %s', (text, taken, key) => {
    expect(keyFromText(text, new Set(taken))).toBe(key);
  });

  it('keeps the key of a criterion whose words did not change, and gives new ones fresh keys', () => {
    const previous = [
      { key: 'oud', text: 'Opioid use disorder, moderate or severe' },
      { key: 'adult', text: 'Aged 18 or over' },
    ];
    expect(criteriaFromLines('Opioid use disorder, moderate or severe\n\n  Lives in Harbor County  \nAged 16 or over', previous)).toEqual([
      { key: 'oud', text: 'Opioid use disorder, moderate or severe' },
      { key: 'lives_in_harbor_county', text: 'Lives in Harbor County' },
      { key: 'aged_16_or_over', text: 'Aged 16 or over' },
    ]);
  });
});
