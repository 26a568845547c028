import { z } from 'zod';
import type { TaxonomyCode } from './directory.ts';
import type { OrganizationType } from './roles.ts';
import { boundaryKindSchema } from './geography.ts';

/**
 * Hub-and-spoke capacity (docs/gaps.md, "Hubs and spokes"): the medications for OUD (MOUD) per area
 * against the estimated need, and which hubs support which spokes. The model is Vermont's (Brooklyn JR,
 * Sigmon SC, "Vermont Hub-and-Spoke Model of Care for Opioid Use Disorder: Development, Implementation,
 * and Impact", J Addict Med 2017;11(4):286–292): hubs are opioid treatment programs (methadone and
 * specialty care, 42 CFR 8.12), spokes are office-based prescribers of buprenorphine or naltrexone
 * (primary care, FQHCs, office-based practices) that a hub supports; emergency departments, hospitals
 * and the justice settings that start or continue buprenorphine are neither.
 */
export const gapsHubsPaths = {
  hubs: '/api/gaps/hubs',
  hubsCsv: '/api/gaps/hubs/export.csv',
} as const;

/**
 * A hub runs a service coded OTP (an opioid treatment program certified under 42 CFR 8.12, the only
 * setting that dispenses methadone for OUD), or METH at an organization whose type is an OTP. Methadone
 * given in a hospital or a jail (inpatient, continuation) does not make a hub.
 */
export const hubCodes: readonly TaxonomyCode[] = ['OTP'];
export const hubMethadoneCodes: readonly TaxonomyCode[] = ['METH'];
/** A spoke's services prescribe one of these, at an organization that runs no hub service. */
export const spokeCodes: readonly TaxonomyCode[] = ['BU', 'NU'];
/**
 * Settings whose buprenorphine is a bridge or continuation, not ongoing office-based care: never spokes.
 * (A listing of a non-member has no type and counts as a spoke.)
 */
export const notSpokeOrganizationTypes: readonly OrganizationType[] = [
  'emergency_department',
  'hospital',
  'ems',
  'law_enforcement',
  'corrections',
  'court',
  'pharmacy',
];

export const hubsQuerySchema = z.strictObject({ areaKind: boundaryKindSchema.optional() });
export type HubsQuery = z.infer<typeof hubsQuerySchema>;

export const hubLinkBases = ['pathway', 'agreement', 'referrals'] as const;
export const hubLinkBasisSchema = z.enum(hubLinkBases);
export type HubLinkBasis = z.infer<typeof hubLinkBasisSchema>;
export const hubLinkBasisLabels: Record<HubLinkBasis, string> = {
  pathway: 'referral pathway',
  agreement: 'agreement in force',
  referrals: 'referrals in the last year',
};

const point = z.object({
  locationId: z.string(),
  name: z.string(),
  latitude: z.number(),
  longitude: z.number(),
  areaId: z.string().nullable(),
  slots: z.number().nullable(),
});
export type HubPoint = z.infer<typeof point>;

export const hubAreaSchema = z.object({
  areaId: z.string(),
  name: z.string(),
  population: z.number().int(),
  /** Hub (OTP) locations in the area. */
  hubs: z.number().int(),
  /** Spoke prescribing locations (a buprenorphine or naltrexone service at a location) in the area. */
  prescribers: z.number().int(),
  /** Stated MOUD capacity of the hubs and spokes in the area (slots), split over each service's locations. */
  slots: z.number(),
  /** Hub and spoke locations in the area that state no capacity: the slots are then a lower bound. */
  slotsUnknown: z.number().int(),
  /** People estimated to have OUD: the stored estimate, or imputed from the region's prevalence. */
  need: z.number(),
  needBasis: z.enum(['oud_estimate', 'imputed_prevalence', 'population']),
  /** Slots per person with OUD (null with no need). */
  slotsPerNeed: z.number().nullable(),
  /** People with OUD beyond the slots (need − slots, at least 0); null when some capacity is unknown. */
  shortfall: z.number().nullable(),
  /** Spoke locations in the area that no hub supports. */
  unsupportedPrescribers: z.number().int(),
});
export type HubArea = z.infer<typeof hubAreaSchema>;

export const hubSpokeSchema = z.object({
  organizationId: z.string(),
  name: z.string(),
  bases: z.array(hubLinkBasisSchema),
  /** Referrals between the two in the last year, either way; null when 1–10 (small cell) or hidden so none can be worked out. */
  referrals: z.number().int().nullable(),
  referralsSuppressed: z.boolean(),
  locations: z.array(point),
});
export type HubSpoke = z.infer<typeof hubSpokeSchema>;

export const hubSchema = z.object({
  organizationId: z.string(),
  name: z.string(),
  locations: z.array(point),
  spokes: z.array(hubSpokeSchema),
});
export type Hub = z.infer<typeof hubSchema>;

export const hubsReportSchema = z.object({
  generatedAt: z.string(),
  areaKind: boundaryKindSchema.nullable(),
  inputs: z.object({
    estimatesUpdatedAt: z.string().nullable(),
    directoryUpdatedAt: z.string().nullable(),
    capacityUpdatedAt: z.string().nullable(),
    referralsFrom: z.string(),
  }),
  totals: z.object({
    hubs: z.number().int(),
    prescribers: z.number().int(),
    slots: z.number(),
    need: z.number(),
    shortfall: z.number().nullable(),
  }),
  areas: z.array(hubAreaSchema),
  hubs: z.array(hubSchema),
  /** Spoke organizations no hub supports. */
  unsupportedSpokes: z.array(z.object({ organizationId: z.string(), name: z.string(), locations: z.array(point) })),
});
export type HubsReport = z.infer<typeof hubsReportSchema>;
