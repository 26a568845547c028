import { z } from 'zod';
import { purposeSchema, recordKindSchema } from './consent.ts';
import type { Role } from './roles.ts';

/*
 * Running the network (docs/network.md): the register of agreements between members, and later
 * partner scorecards and training.
 *
 *   GET  /api/network/agreements                 agreements (network staff: all; members: their organization's)
 *   POST /api/network/agreements                 register one (network administrators)
 *   GET  /api/network/agreements/export.csv      the register as CSV
 *   GET  /api/network/agreements/:id             one agreement
 *   PUT  /api/network/agreements/:id             change it (network administrators)
 *   POST /api/network/agreements/:id/terminate   end it early (network administrators)
 */

export const networkPaths = {
  agreements: '/api/network/agreements',
  agreementsCsv: '/api/network/agreements/export.csv',
  agreement: '/api/network/agreements/:id',
  agreementTerminate: '/api/network/agreements/:id/terminate',
} as const;

/** Manage the register (and, later, courses and targets). */
export const networkManageRoles: readonly Role[] = ['network_admin'];
/** See the whole network's register and coverage; everyone else sees their own organization's. */
export const networkReadAllRoles: readonly Role[] = ['network_admin', 'analyst', 'privacy_officer'];

export const agreementKinds = ['mou', 'baa', 'qsoa', 'data_sharing', 'referral'] as const;
export const agreementKindSchema = z.enum(agreementKinds);
export type AgreementKind = z.infer<typeof agreementKindSchema>;
export const agreementKindLabels: Record<AgreementKind, string> = {
  mou: 'Memorandum of understanding',
  baa: 'Business associate agreement',
  qsoa: 'Qualified service organization agreement (42 CFR 2.11)',
  data_sharing: 'Data-sharing agreement',
  referral: 'Referral agreement',
};

/**
 * A party's part in the agreement. A QSOA names one Part 2 program and the service organization(s)
 * serving it (42 CFR 2.11, 2.12(c)(4)); a BAA one covered entity and its business associate(s).
 */
export const partyRoles = ['party', 'part2_program', 'service_organization', 'covered_entity', 'business_associate'] as const;
export const partyRoleSchema = z.enum(partyRoles);
export type PartyRole = z.infer<typeof partyRoleSchema>;
export const partyRoleLabels: Record<PartyRole, string> = {
  party: 'Party',
  part2_program: 'Part 2 program',
  service_organization: 'Qualified service organization',
  covered_entity: 'Covered entity',
  business_associate: 'Business associate',
};

/** Stored status; `agreementState` adds what the dates say. */
export const agreementStatuses = ['draft', 'active', 'terminated'] as const;
export const agreementStatusSchema = z.enum(agreementStatuses);
export type AgreementStatus = z.infer<typeof agreementStatusSchema>;
export const agreementStates = ['draft', 'not_yet_effective', 'in_force', 'ending_soon', 'ended', 'terminated'] as const;
export type AgreementState = (typeof agreementStates)[number];
export const agreementStateLabels: Record<AgreementState, string> = {
  draft: 'Draft',
  not_yet_effective: 'Not yet in force',
  in_force: 'In force',
  ending_soon: 'Ending within 60 days',
  ended: 'Ended',
  terminated: 'Terminated',
};

/** Reminders before an agreement ends, in days. */
export const AGREEMENT_REMINDER_DAYS = [60, 30, 7] as const;

const text = (max: number) => z.string().trim().min(1).max(max);
const isoDay = z.iso.date();

export const agreementPartySchema = z.strictObject({ organizationId: z.uuid(), role: partyRoleSchema });
export const agreementPersonSchema = z.strictObject({
  name: text(200),
  title: z.string().trim().max(200).nullable().default(null),
  organizationId: z.uuid().nullable().default(null),
  email: z.email().max(320).nullable().default(null),
  /** Signatories only: the day they signed. */
  signedOn: isoDay.nullable().default(null),
});

export const agreementInputSchema = z.strictObject({
  kind: agreementKindSchema,
  title: text(300),
  status: z.enum(['draft', 'active']).default('active'),
  parties: z.array(agreementPartySchema).min(2).max(50),
  signatories: z.array(agreementPersonSchema).max(50).default([]),
  champions: z.array(agreementPersonSchema).max(50).default([]),
  /** Which data the agreement covers, for which purposes (for a QSOA: what the service needs). */
  dataKinds: z.array(recordKindSchema).max(20).default([]),
  purposes: z.array(purposeSchema).max(10).default([]),
  scopeNote: z.string().trim().max(2000).nullable().default(null),
  effectiveOn: isoDay,
  /** The day the agreement ends: it is in force up to the day before (null: open-ended). */
  endsOn: isoDay.nullable().default(null),
  /** Referral agreements: the referral pathways they govern. */
  pathwayIds: z.array(z.uuid()).max(50).default([]),
  /** Where the signed document is kept (a document system's address or reference). */
  documentRef: z.string().trim().max(500).nullable().default(null),
  notes: z.string().trim().max(4000).nullable().default(null),
});
export type AgreementInput = z.infer<typeof agreementInputSchema>;
export type AgreementInputRaw = z.input<typeof agreementInputSchema>;

export const agreementSchema = z.object({
  id: z.uuid(),
  kind: agreementKindSchema,
  title: z.string(),
  status: agreementStatusSchema,
  state: z.enum(agreementStates),
  parties: z.array(z.object({ organizationId: z.uuid(), organizationName: z.string(), role: partyRoleSchema })),
  signatories: z.array(
    z.object({
      name: z.string(),
      title: z.string().nullable(),
      organizationId: z.uuid().nullable(),
      email: z.string().nullable(),
      signedOn: z.string().nullable(),
    }),
  ),
  champions: z.array(
    z.object({
      name: z.string(),
      title: z.string().nullable(),
      organizationId: z.uuid().nullable(),
      email: z.string().nullable(),
      signedOn: z.string().nullable(),
    }),
  ),
  dataKinds: z.array(recordKindSchema),
  purposes: z.array(purposeSchema),
  scopeNote: z.string().nullable(),
  effectiveOn: z.string(),
  endsOn: z.string().nullable(),
  daysToEnd: z.number().int().nullable(),
  pathwayIds: z.array(z.uuid()),
  documentRef: z.string().nullable(),
  notes: z.string().nullable(),
  terminatedOn: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Agreement = z.infer<typeof agreementSchema>;

export const agreementListQuerySchema = z.strictObject({
  kind: agreementKindSchema.optional(),
  organizationId: z.uuid().optional(),
  state: z.enum(agreementStates).optional(),
});
export type AgreementListQuery = z.infer<typeof agreementListQuerySchema>;
export const agreementListSchema = z.object({ items: z.array(agreementSchema) });
export const agreementTerminateSchema = z.strictObject({
  terminatedOn: isoDay,
  reason: z.string().trim().max(1000).nullable().default(null),
});
