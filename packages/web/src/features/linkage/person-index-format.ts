import type { LinkHistoryEntry, LinkStatus } from '@continuum/contracts';

/** Words for the engine's comparison names and levels (docs/linkage.md, "Comparisons"); unknown ones show as they come. */
const COMPARISONS: Record<string, string> = {
  given: 'Given name',
  family: 'Family name',
  birthDate: 'Birth date',
  ssn: 'Social Security number',
  phone: 'Phone',
  address: 'Address',
  zip: 'ZIP code',
  city: 'Town',
  email: 'Email',
  sex: 'Sex',
  suffix: 'Suffix (Jr, Sr)',
};

const LEVELS: Record<string, string> = {
  null: 'missing on one side',
  exact: 'the same',
  same: 'the same',
  swapped: 'given and family name swapped',
  nickname: 'a nickname',
  part: 'one part of a compound name',
  dl1: 'one character different',
  jw92: 'very similar spelling',
  jw88: 'similar spelling',
  jw70: 'somewhat similar spelling',
  phonetic: 'sounds the same',
  initial: 'an initial',
  transposed: 'day and month swapped',
  year1: 'a year apart',
  last4: 'the same last four digits',
  last7: 'the same last seven digits',
  street: 'the same street',
  number_fuzzy: 'a similar number and street',
  fuzzy: 'a similar street',
  user: 'the same user name',
  else: 'different',
  different: 'different',
};

export const comparisonLabel = (name: string) => COMPARISONS[name] ?? name;
export const levelLabel = (level: string) => LEVELS[level] ?? level;

export const statusLabels: Record<LinkStatus, string> = {
  review: 'Waiting for review',
  not_sure: 'Not sure',
  linked: 'Linked (one person)',
  rejected: 'Kept apart',
  unlinked: 'Link undone',
};

export const historyLabels: Record<LinkHistoryEntry['decision'], string> = {
  auto_link: 'Linked automatically',
  review: 'Proposed for review',
  accept: 'Accepted: the same person',
  reject: 'Rejected: different people',
  not_sure: 'Marked not sure',
  unlink: 'Link undone',
};

/** "96.2%"; very high probabilities keep their nines ("99.995%") so an automatic link is not shown as 100%. */
export function formatProbability(p: number): string {
  const percent = p * 100;
  if (percent >= 99.9 && percent < 100) return `${percent.toFixed(3)}%`;
  return `${percent.toFixed(1)}%`;
}

export const formatWeight = (w: number) => `${w >= 0 ? '+' : '−'}${Math.abs(w).toFixed(2)}`;
