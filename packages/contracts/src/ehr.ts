import { z } from 'zod';
import { roleSchema } from './roles.ts';

/**
 * EHR connections: an EHR that calls the CDS Hooks services with a signed JWT (CDS Hooks 2.0,
 * "Trusting CDS Clients") and/or launches Continuum as a SMART app (SMART App Launch 2.x).
 * Administered by network administrators (docs/integration.md, "Connecting an EHR").
 */

const httpUrl = z.url({ protocol: /^https?$/ }).max(500);

/** A public JSON Web Key (RFC 7517); private members are refused so a private key is never stored. */
export const publicJwkSchema = z
  .looseObject({ kty: z.enum(['RSA', 'EC', 'OKP']), kid: z.string().max(200).optional(), alg: z.string().max(20).optional() })
  .refine((k) => !('d' in k) && !('p' in k) && !('q' in k), 'must be a public key (no private members)');

export const cdsClientRegistrationSchema = z
  .strictObject({
    issuer: z.string().min(1).max(500).describe('The `iss` the EHR puts in its CDS Hooks JWTs'),
    jwksUrl: httpUrl.optional().describe("The EHR's JWK Set URL"),
    publicKeys: z
      .array(publicJwkSchema)
      .min(1)
      .max(10)
      .optional()
      .describe('Registered public keys, when the EHR publishes no JWK Set URL'),
    tenants: z
      .array(z.string().min(1).max(200))
      .min(1)
      .max(50)
      .optional()
      .describe('When set, the JWT must carry one of these `tenant` values'),
  })
  .refine((c) => (c.jwksUrl === undefined) !== (c.publicKeys === undefined), {
    message: 'give either jwksUrl or publicKeys',
    path: ['jwksUrl'],
  });

export const smartDefaultScopes = 'launch launch/patient openid fhirUser patient/*.rs';

export const smartAppRegistrationSchema = z.strictObject({
  fhirBaseUrl: httpUrl.describe("The EHR's FHIR base URL (the `iss` of an EHR launch)"),
  clientId: z.string().min(1).max(200),
  clientSecret: z.string().min(1).max(500).optional().describe('For a confidential client; omit for a public client'),
  scopes: z.string().min(1).max(500).optional().describe(`Default "${smartDefaultScopes}"`),
});

export const createEhrConnectionSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(200),
    organizationId: z.uuid(),
    roles: z.array(roleSchema).min(1).max(4).default(['clinician']),
    identifierSystem: z.string().min(1).max(500).optional().describe("The FHIR Identifier.system of the EHR's medical record numbers"),
    cds: cdsClientRegistrationSchema.optional(),
    smart: smartAppRegistrationSchema.optional(),
  })
  .refine((c) => c.cds !== undefined || c.smart !== undefined, { message: 'give cds, smart or both', path: ['cds'] });
export type CreateEhrConnection = z.input<typeof createEhrConnectionSchema>;

export const ehrConnectionSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  organizationId: z.uuid(),
  roles: z.array(roleSchema),
  identifierSystem: z.string().nullable(),
  cds: z
    .object({
      issuer: z.string(),
      jwksUrl: z.string().nullable(),
      publicKeyCount: z.number().int(),
      tenants: z.array(z.string()).nullable(),
    })
    .nullable(),
  smart: z.object({ fhirBaseUrl: z.string(), clientId: z.string(), confidential: z.boolean(), scopes: z.string() }).nullable(),
  active: z.boolean(),
  userLinkCount: z.number().int(),
  createdAt: z.string(),
});
export type EhrConnection = z.infer<typeof ehrConnectionSchema>;
export const ehrConnectionListSchema = z.object({ items: z.array(ehrConnectionSchema) });

export const updateEhrConnectionSchema = z.strictObject({ active: z.boolean() });

export const createEhrUserLinkSchema = z.strictObject({
  fhirUser: z.string().min(1).max(500).describe('The `fhirUser` claim, e.g. "Practitioner/123" or its absolute URL'),
  userId: z.uuid(),
});
export const ehrUserLinkSchema = z.object({ id: z.uuid(), fhirUser: z.string(), userId: z.uuid(), createdAt: z.string() });
export const ehrUserLinkListSchema = z.object({ items: z.array(ehrUserLinkSchema) });

/** CDS Hooks 2.0 feedback (https://cds-hooks.hl7.org/2.0/#feedback). */
const codingSchema = z.looseObject({
  code: z.string().min(1).max(200),
  system: z.string().max(500).optional(),
  display: z.string().max(500).optional(),
});
export const cdsFeedbackItemSchema = z.looseObject({
  card: z.string().min(1).max(200),
  outcome: z.enum(['accepted', 'overridden']),
  acceptedSuggestions: z
    .array(z.looseObject({ id: z.string().min(1).max(200) }))
    .max(50)
    .optional(),
  overrideReason: z.looseObject({ reason: codingSchema.optional(), userComment: z.string().max(2000).optional() }).optional(),
  outcomeTimestamp: z.iso.datetime({ offset: true }),
});
export const cdsFeedbackRequestSchema = z.looseObject({ feedback: z.array(cdsFeedbackItemSchema).min(1).max(100) });
export type CdsFeedbackRequest = z.infer<typeof cdsFeedbackRequestSchema>;

/**
 * What a SMART launch read from the EHR's Patient resource when the network did not know the patient:
 * the registration form starts from it, and nothing is saved until the user registers the person
 * (docs/integration.md, "Connecting an EHR"). Fields the EHR did not send, or sent in a form the
 * registry does not take (a partial birth date, a phone with letters), are null.
 */
export const ehrPatientPrefillSchema = z.object({
  /** The EHR connection's name, to say where the details came from. */
  source: z.string(),
  givenName: z.string().nullable(),
  familyName: z.string().nullable(),
  birthDate: z.string().nullable(),
  sex: z.enum(['female', 'male', 'unknown']),
  /** The EHR's medical record number, registered as the organization's identifier so the next launch finds the person. */
  identifier: z.object({ kind: z.literal('mrn'), value: z.string() }).nullable(),
  phone: z.string().nullable(),
  address: z.object({ line1: z.string(), city: z.string().nullable(), postalCode: z.string().nullable() }).nullable(),
});
export type EhrPatientPrefill = z.infer<typeof ehrPatientPrefillSchema>;
