import type { DbOrTrx } from '../../db/database.ts';
import type { Purpose, RecordKind } from '@continuum/contracts';
import { lastDayExclusive } from './agreement-rules.ts';

/** A qualified service organization agreement as the registry's access decision reads it. */
export interface ServiceAgreementForAccess {
  id: string;
  programOrganizationId: string;
  kinds: readonly RecordKind[];
  purposes: readonly Purpose[];
  effectiveOn: string;
  /** The day access stops: the end date, or an early termination's day if sooner. */
  endsOn: string | null;
}

/**
 * The QSOAs (42 CFR 2.11) in which `organizationId` is the service organization, one entry per
 * Part 2 program it serves; drafts left out. The decision itself checks the dates against the day
 * of the read, so an agreement stops giving access on the day it ends, with no job in between.
 */
export async function serviceAgreementsOf(db: DbOrTrx, organizationId: string): Promise<ServiceAgreementForAccess[]> {
  const rows = await db
    .selectFrom('network_agreements as a')
    .innerJoin('network_agreement_parties as me', 'me.agreement_id', 'a.id')
    .innerJoin('network_agreement_parties as program', 'program.agreement_id', 'a.id')
    .select([
      'a.id',
      'program.organization_id as program_id',
      'a.data_kinds',
      'a.purposes',
      'a.effective_on',
      'a.ends_on',
      'a.terminated_on',
    ])
    .where('a.kind', '=', 'qsoa')
    .where('a.status', '!=', 'draft')
    .where('me.organization_id', '=', organizationId)
    .where('me.role', '=', 'service_organization')
    .where('program.role', '=', 'part2_program')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    programOrganizationId: r.program_id,
    kinds: r.data_kinds,
    purposes: r.purposes,
    effectiveOn: r.effective_on,
    endsOn: lastDayExclusive({ endsOn: r.ends_on, terminatedOn: r.terminated_on }),
  }));
}
