import { recordKindLabels, type AccessBasis, type PersonSummary, type RecordKind } from '@continuum/contracts';

// How a person and their records are named on screen, wherever a feature shows them (people, consent, referrals).

export function personName(person: Pick<PersonSummary, 'givenName' | 'familyName'>): string {
  return `${person.givenName} ${person.familyName}`;
}

export function kindLabel(kind: RecordKind): string {
  return recordKindLabels[kind].en;
}

/** Why the caller sees a record, in plain words. */
export const accessBasisLabels: Record<AccessBasis, string> = {
  own_organization: 'Your organization’s record',
  care_team: 'Care team',
  consent: 'Shared with consent',
  treating_relationship: 'Treating relationship',
  qsoa: 'Qualified service organization agreement',
  break_glass: 'Emergency access',
  system: 'System',
  self: 'The person’s own record',
};
