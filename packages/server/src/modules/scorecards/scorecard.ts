import {
  epochDayOf,
  scorecardMeasureIds,
  scorecardMeasures,
  type Scorecard,
  type ScorecardMeasureId,
  type ScorecardPartnerList,
  type ScorecardQuery,
} from '@continuum/contracts';
import type { Clock } from '../../clock.ts';
import type { Db, DbOrTrx } from '../../db/database.ts';
import type { AccessContext } from '../../core/access-context.ts';
import { AppError, validationError } from '../../errors.ts';
import { recordAudit } from '../audit/index.ts';
import { capacityConfirmations, LISTING_VERIFICATION_DAYS, listingVerifications } from '../directory/index.ts';
import { findOrganization, organizationNames, organizationTypes } from '../organizations/index.ts';
import { scorecardPathways, scorecardReferralRows } from '../referrals/index.ts';
import { capacityOnTime, referralMeasures, verifiedOnTime, type RawMeasure } from './scorecard-measures.ts';
import { chartMonths, defaultQuarter, parseQuarter, recentQuarters } from './scorecard-periods.ts';
import { requireScorecardRead } from './scorecard-policy.ts';
import { measureResult } from './scorecard-shape.ts';
import { targetsOf } from './scorecard-targets.ts';

/*
 * A partner's scorecard for a quarter (and, with a pathway, for that pathway): each measure's value
 * for the quarter against its target, and its months over the year to the quarter's end for the
 * run chart. Reads referrals through the referrals module's scorecard source (no person leaves it)
 * and the directory's confirmations; one audit entry per scorecard computed.
 */

/** How many quarters back a scorecard may be asked for. */
export const QUARTERS_OFFERED = 8;

export async function listScorecardPartners(db: DbOrTrx, clock: Clock, access: AccessContext): Promise<ScorecardPartnerList> {
  const scope = requireScorecardRead(access);
  const ids = scope.all ? [...(await organizationTypes(db)).keys()] : [scope.organizationId];
  const names = await organizationNames(db, ids);
  const pathways = await scorecardPathways(db, scope.all ? null : ids);
  const now = clock.now();
  return {
    items: [...names.entries()]
      .map(([organizationId, name]) => ({
        organizationId,
        name,
        pathways: pathways.filter((p) => p.organizationIds.includes(organizationId)).map((p) => ({ id: p.id, name: p.name })),
      }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    quarters: recentQuarters(now, QUARTERS_OFFERED),
    defaultQuarter: defaultQuarter(now),
  };
}

const startOf = (day: string) => new Date(`${day}T00:00:00.000Z`);
const monthStart = (month: string) => startOf(`${month}-01`);

export async function readScorecard(
  db: Db,
  clock: Clock,
  access: AccessContext,
  organizationId: string,
  query: ScorecardQuery,
  settings: { capacityStaleHours: number },
): Promise<Scorecard> {
  requireScorecardRead(access, organizationId);
  const now = clock.now();
  const quarterKey = query.quarter ?? defaultQuarter(now);
  if (!recentQuarters(now, QUARTERS_OFFERED).includes(quarterKey))
    throw validationError('querystring.quarter', `Choose one of the last ${QUARTERS_OFFERED} quarters, up to the current one`);
  const organization = await findOrganization(db, organizationId);
  if (!organization) throw new AppError('ORGANIZATION_NOT_FOUND');
  const pathwayId = query.pathwayId ?? null;
  let pathwayName: string | null = null;
  if (pathwayId !== null) {
    const pathway = (await scorecardPathways(db, [organizationId])).find((p) => p.id === pathwayId);
    if (!pathway) throw validationError('querystring.pathwayId', 'Not a pathway this organization takes part in');
    pathwayName = pathway.name;
  }

  const quarter = parseQuarter(quarterKey);
  const months = chartMonths(quarter, now);
  const windowFrom = monthStart(months[0]!);
  const windowTo = startOf(quarter.to);
  windowTo.setUTCDate(windowTo.getUTCDate() + 1);
  const referrals = await scorecardReferralRows(db, organizationId, windowFrom, windowTo, pathwayId);
  const inRange = (from: Date, to: Date) => referrals.filter((r) => r.sentAt >= from && r.sentAt < to);
  const nextMonth = (month: string) => {
    const d = monthStart(month);
    d.setUTCMonth(d.getUTCMonth() + 1);
    return d;
  };
  const quarterFrom = startOf(quarter.from);
  const byMonth = months.map((month) => ({
    month,
    measures: referralMeasures(inRange(monthStart(month), nextMonth(month)), organizationId, now),
  }));
  const forQuarter = referralMeasures(inRange(quarterFrom, windowTo), organizationId, now);

  const capacity = pathwayId === null ? await capacityConfirmations(db, organizationId, windowTo) : [];
  const listings = pathwayId === null ? await listingVerifications(db, organizationId) : [];
  const capacityRaw = (from: string, to: string): RawMeasure => ({
    kind: 'proportion',
    ...capacityOnTime(capacity, epochDayOf(from), epochDayOf(to), now, settings.capacityStaleHours),
  });
  const periodEnd = (end: Date) => new Date(Math.min(end.getTime(), now.getTime()) - 1);
  const verifiedRaw = (end: Date): RawMeasure => ({
    kind: 'proportion',
    ...verifiedOnTime(listings, periodEnd(end), LISTING_VERIFICATION_DAYS),
  });
  const lastDay = (month: string) => {
    const d = nextMonth(month);
    d.setUTCDate(0);
    return d.toISOString().slice(0, 10);
  };

  const targets = new Map((await targetsOf(db)).map((t) => [t.measure, t.target]));
  const ids = scorecardMeasureIds.filter((m) => pathwayId === null || scorecardMeasures[m].perPathway);
  const measures = ids.map((measure: ScorecardMeasureId) => {
    const isCapacity = measure === 'capacity_on_time';
    const isVerified = measure === 'verified_on_time';
    const pick = (m: ReturnType<typeof referralMeasures>) => m[measure as keyof typeof m];
    return measureResult({
      measure,
      quarter: isCapacity ? capacityRaw(quarter.from, quarter.to) : isVerified ? verifiedRaw(windowTo) : pick(forQuarter),
      months: byMonth.map(({ month, measures: m }) => ({
        month,
        raw: isCapacity ? capacityRaw(`${month}-01`, lastDay(month)) : isVerified ? verifiedRaw(nextMonth(month)) : pick(m),
      })),
      target: targets.get(measure) ?? null,
      suppress: !isCapacity && !isVerified,
    });
  });

  await db.transaction().execute((trx) =>
    recordAudit(trx, clock, access, {
      action: 'network.scorecard.read',
      entityType: 'organization',
      entityId: organizationId,
      details: { quarter: quarterKey, pathway: pathwayId !== null, referrals: referrals.length },
    }),
  );
  return {
    organizationId,
    organizationName: organization.name,
    pathwayId,
    pathwayName,
    quarter: quarterKey,
    from: quarter.from,
    to: quarter.to,
    chartFrom: months[0]!,
    chartTo: months[months.length - 1]!,
    measures,
    computedAt: now.toISOString(),
  };
}
