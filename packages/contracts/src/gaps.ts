import { z } from 'zod';
import type { Role } from './roles.ts';
import type { TaxonomyCode } from './directory.ts';
import { boundaryKindSchema } from './geography.ts';

/**
 * Needs and gaps (docs/gaps.md): spatial accessibility (E2SFCA, Luo & Qi 2009) per area and service
 * category, the need in each area, the gap between them and the deserts, computed per run and stored.
 */

export const gapsPaths = {
  runs: '/api/gaps/runs',
  run: '/api/gaps/runs/:id',
  runCsv: '/api/gaps/runs/:id/export.csv',
  siting: '/api/gaps/runs/:id/siting',
  /** The areas with one category's results as GeoJSON (suppressed counts stay null). */
  runGeoJson: '/api/gaps/runs/:id/export.geojson',
  /** One category's map as a printable page (PDF). */
  runMapPdf: '/api/gaps/runs/:id/map.pdf',
  /** The one-page "needs and gaps" brief for a grant application (PDF). */
  runBrief: '/api/gaps/runs/:id/brief.pdf',
} as const;

/**
 * The five classes of access relative to the region that the maps colour (0 worst … 4 best), so the
 * page, the PDF map and the brief draw the same thing; null where an area has no figure.
 */
export function relativeAccessClass(relative: number | null): number | null {
  if (relative === null) return null;
  return relative < 0.25 ? 0 : relative < 0.5 ? 1 : relative < 0.9 ? 2 : relative < 1.1 ? 3 : 4;
}
export const relativeAccessColours = ['#b2182b', '#ef8a62', '#fddbc7', '#d1e5f0', '#67a9cf'] as const;
export const relativeAccessLabels = ['under 0.25', '0.25–0.5', '0.5–0.9', '0.9–1.1 (as the region)', '1.1 or more'] as const;

/** Who may create and read runs: network administrators, analysts and care coordinators (care navigators). */
export const gapsRoles: readonly Role[] = ['network_admin', 'analyst', 'care_navigator'];

/** The service categories of the analysis (issue 17). */
export const gapCategories = [
  'buprenorphine',
  'methadone',
  'naltrexone',
  'withdrawal_management',
  'residential',
  'harm_reduction',
  'recovery_housing',
  'peer_support',
] as const;
export const gapCategorySchema = z.enum(gapCategories);
export type GapCategory = z.infer<typeof gapCategorySchema>;

/**
 * Each category as the directory's taxonomy codes (any of them): methadone is offered by opioid
 * treatment programs (42 CFR 8.12), so OTP counts with METH; harm reduction is naloxone
 * distribution, syringe services, test strips and drug checking.
 */
export const gapCategoryCodes: Record<GapCategory, readonly TaxonomyCode[]> = {
  buprenorphine: ['BU'],
  methadone: ['METH', 'OTP'],
  naltrexone: ['NU'],
  withdrawal_management: ['WM_IP', 'WM_OP'],
  residential: ['RES'],
  harm_reduction: ['NALOXONE', 'SSP', 'FTS', 'DRUG_CHECK'],
  recovery_housing: ['HOUSING'],
  peer_support: ['PEER'],
};

export const gapCategoryLabels: Record<GapCategory, { en: string; es: string }> = {
  buprenorphine: { en: 'Buprenorphine', es: 'Buprenorfina' },
  methadone: { en: 'Methadone (opioid treatment program)', es: 'Metadona (programa de tratamiento de opioides)' },
  naltrexone: { en: 'Naltrexone', es: 'Naltrexona' },
  withdrawal_management: { en: 'Withdrawal management', es: 'Manejo de abstinencia' },
  residential: { en: 'Residential treatment', es: 'Tratamiento residencial' },
  harm_reduction: { en: 'Harm reduction and naloxone', es: 'Reducción de daños y naloxona' },
  recovery_housing: { en: 'Recovery housing', es: 'Vivienda de recuperación' },
  peer_support: { en: 'Peer recovery support', es: 'Apoyo de pares en recuperación' },
};

/** The categories a service's taxonomy codes place it in. */
export function gapCategoriesOf(codes: readonly string[]): GapCategory[] {
  return gapCategories.filter((c) => gapCategoryCodes[c].some((code) => codes.includes(code)));
}

export const travelZoneSchema = z.strictObject({
  upTo: z.number().positive().max(600),
  weight: z.number().gt(0).max(1),
});

export const gapsRunInputSchema = z.strictObject({
  categories: z
    .array(gapCategorySchema)
    .min(1)
    .max(gapCategories.length)
    .default([...gapCategories]),
  /** Travel zones, nearest first (miles straight-line, minutes with a routing server); Luo & Qi's by default. */
  zones: z
    .array(travelZoneSchema)
    .min(1)
    .max(10)
    .refine(
      (zs) => zs.every((z, i) => i === 0 || z.upTo > zs[i - 1]!.upTo),
      'Zones must be listed nearest first, each bound greater than the last',
    )
    .optional(),
  /** An area is a distance desert for a category when no service of it lies within this many miles (minutes). */
  desertDistance: z.number().positive().max(600).optional(),
  /** Overdose counts over this many days before the run feed the overdose rate (default 365). */
  overdoseDays: z.number().int().min(7).max(1825).default(365),
  /** Only the areas with a boundary of this kind (counties, tracts, …); every area when omitted. */
  areaKind: boundaryKindSchema.optional(),
});
export type GapsRunInput = z.input<typeof gapsRunInputSchema>;

export const gapReasonCodes = [
  'no_service_in_reach',
  'distance_desert',
  'no_openings',
  'demand_exceeds_capacity',
  'below_regional_access',
  'high_overdose_rate',
] as const;
export const gapReasonSchema = z.enum(gapReasonCodes);
export type GapReasonCode = z.infer<typeof gapReasonSchema>;
export const gapReasonLabels: Record<GapReasonCode, { en: string; es: string }> = {
  no_service_in_reach: { en: 'No service within the catchment', es: 'Ningún servicio dentro del área de captación' },
  distance_desert: { en: 'Beyond the desert distance from any service', es: 'Más allá de la distancia de desierto de cualquier servicio' },
  no_openings: { en: 'Services in reach have no openings', es: 'Los servicios al alcance no tienen cupos' },
  demand_exceeds_capacity: { en: 'Need in reach exceeds the stated capacity', es: 'La necesidad al alcance supera la capacidad declarada' },
  below_regional_access: { en: 'Less than half the region’s level of access', es: 'Menos de la mitad del nivel de acceso de la región' },
  high_overdose_rate: { en: 'Overdose rate 1.5 × the region’s or more', es: 'Tasa de sobredosis de 1,5 veces la de la región o más' },
};

export const gapsAreaResultSchema = z.object({
  category: gapCategorySchema,
  areaId: z.string(),
  areaName: z.string(),
  population: z.number().int(),
  oudEstimate: z.number().nullable(),
  /** E2SFCA's demand: people with OUD (estimated, imputed from the region's prevalence, or the population). */
  demand: z.number(),
  demandBasis: z.enum(['oud_estimate', 'imputed_prevalence', 'population']),
  /** null when suppressed (1–10, or the complement of one) or unknown. */
  overdoses: z.number().int().nullable(),
  overdosesSuppressed: z.boolean(),
  /** Per 100,000 residents, beside a shown count only. */
  overdoseRate: z.number().nullable(),
  /** E2SFCA A_i: supply (slots, beds, or services where capacity is not stated) per person with need. */
  accessibility: z.number(),
  /** A_i over the region's level; 1 = as well served as the region. */
  relativeAccess: z.number().nullable(),
  /** People with need beyond what the region's level of access would serve. */
  shortfall: z.number(),
  /** People with need beyond the stated capacity in reach (only when every service states it). */
  unmetNeed: z.number().nullable(),
  servicesInReach: z.number().int(),
  /** Miles (or minutes) to the nearest service, within the desert distance. */
  nearest: z.number().nullable(),
  distanceDesert: z.boolean(),
  capacityDesert: z.boolean(),
  reasons: z.array(gapReasonSchema),
});
export type GapsAreaResult = z.infer<typeof gapsAreaResultSchema>;

export const gapsCategorySummarySchema = z.object({
  category: gapCategorySchema,
  regionalAccess: z.number(),
  capacityKnown: z.boolean(),
  supplyPoints: z.number().int(),
  distanceDeserts: z.number().int(),
  capacityDeserts: z.number().int(),
  shortfall: z.number(),
});

export const gapsRunSchema = z.object({
  id: z.string(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  unit: z.enum(['miles', 'minutes']),
  routing: z.enum(['straight_line', 'osrm']),
  zones: z.array(travelZoneSchema),
  desertDistance: z.number(),
  categories: z.array(gapCategorySchema),
  areaKind: boundaryKindSchema.nullable(),
  /** The inputs' dates: the newest change in each source the run read. */
  inputs: z.object({
    areas: z.number().int(),
    estimatesUpdatedAt: z.string().nullable(),
    directoryUpdatedAt: z.string().nullable(),
    capacityUpdatedAt: z.string().nullable(),
    overdosesFrom: z.string(),
    overdosesTo: z.string(),
    latestOverdoseAt: z.string().nullable(),
    prevalence: z.number().nullable(),
    areasWithEstimate: z.number().int(),
  }),
  summary: z.array(gapsCategorySummarySchema),
});
export type GapsRun = z.infer<typeof gapsRunSchema>;
export const gapsRunListSchema = z.object({ items: z.array(gapsRunSchema) });
export const gapsRunDetailSchema = gapsRunSchema.extend({ results: z.array(gapsAreaResultSchema) });
export type GapsRunDetail = z.infer<typeof gapsRunDetailSchema>;
export const gapsRunQuerySchema = z.strictObject({ category: gapCategorySchema.optional() });

export const gapsSitingInputSchema = z.strictObject({
  category: gapCategorySchema,
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
  /** Slots or beds the site would offer; omitted: not stated (counted as one service). */
  capacity: z.number().int().min(1).max(100_000).nullable().default(null),
});
export type GapsSitingInput = z.input<typeof gapsSitingInputSchema>;

export const gapsSitingResultSchema = z.object({
  category: gapCategorySchema,
  distanceDesertsBefore: z.number().int(),
  distanceDesertsAfter: z.number().int(),
  capacityDesertsBefore: z.number().int(),
  capacityDesertsAfter: z.number().int(),
  supplyDelivered: z.number(),
  changed: z.array(
    z.object({
      areaId: z.string(),
      areaName: z.string(),
      before: z.number(),
      after: z.number(),
      relativeBefore: z.number().nullable(),
      relativeAfter: z.number().nullable(),
      shortfallBefore: z.number(),
      shortfallAfter: z.number(),
      leavesDistanceDesert: z.boolean(),
      leavesCapacityDesert: z.boolean(),
    }),
  ),
});
export type GapsSitingResult = z.infer<typeof gapsSitingResultSchema>;
