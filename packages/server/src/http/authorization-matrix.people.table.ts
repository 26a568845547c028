/*
 * The declared answer of every person route (/api/people/:id…) to staff of an organization that did
 * not register the person, by their relationship to the person, checked by
 * authorization-matrix.people.int.test.ts. One letter per caller, in the order of PEOPLE_CALLERS, with
 * the letters of authorization-matrix.table.ts (p permitted, n not found, f refused for the role,
 * v input refused, c conflict). For 'other', 'revoked' and 'expired' (HIDDEN_CALLERS) every letter
 * must be the answer for a person who does not exist, and never 'p'.
 */

export type Relationship = 'own' | 'other' | 'consent' | 'revoked' | 'expired' | 'glass';

const relationships: Relationship[] = ['own', 'other', 'consent', 'revoked', 'expired', 'glass'];
const callerRoles = ['clinician', 'care_navigator', 'org_admin'] as const;

/** Relationship-major: own×(clinician, navigator, org admin), other×(…), … */
export const PEOPLE_CALLERS = relationships.flatMap((state) => callerRoles.map((role) => ({ state, role })));

export const HIDDEN_CALLERS: readonly Relationship[] = ['other', 'revoked', 'expired'];

export const expectedPersonOutcomes: Record<string, string> = {
  'GET /api/people/:id': 'ppnnnnppnnnnnnnpnn',
  'GET /api/people/:id/consents': 'ppnnnnppnnnnnnnpnn',
  'GET /api/people/:id/disclosures': 'ffffffffffffffffff',
  'GET /api/people/:id/disclosures.csv': 'ffffffffffffffffff',
  'GET /api/people/:id/safety': 'ppfnnfppfnnfnnfpnf',
  'GET /api/people/:id/timeline': 'ppnnnnppnnnnnnnpnn',
  'PATCH /api/people/:id': 'ppfnnfppfnnfnnfpnf',
  'POST /api/people/:id/break-glass': 'pffpffpffpffpffpff',
  'POST /api/people/:id/care-events': 'ppfnnfppfnnfnnfpnf',
  'POST /api/people/:id/care-team': 'ppfnnfppfnnfnnfpnf',
  'POST /api/people/:id/care-team/:memberId/approve': 'ffffffffffffffffff',
  'POST /api/people/:id/care-team/:memberId/end': 'nnfnnfnnfnnfnnfnnf',
  'POST /api/people/:id/consents': 'ppfnnfppfnnfnnfpnf',
  'POST /api/people/:id/events': 'ppfnnfppfnnfnnfpnf',
  'POST /api/people/:id/identifiers': 'pcfnnfpcfnnfnnfcnf',
  'POST /api/people/:id/portal-invitation': 'vvvvvvvvvvvvvvvvvv',
  'POST /api/people/:id/safety/naloxone-offered': 'ppfnnfppfnnfnnfpnf',
};
