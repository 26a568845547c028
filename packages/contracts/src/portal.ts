import { z } from 'zod';
import { consentStatusSchema, consentTypeSchema, expiryEventSchema, purposeSchema, recordKindSchema } from './consent.ts';

/**
 * The person's portal (docs/portal.md): a person in care signs in without a password, with a
 * one-time code sent to the address a staff member invited them at, and sees exactly their own
 * record. Its session is its own cookie, never the staff session's.
 */
export const PORTAL_SESSION_COOKIE = 'continuum_portal_session';

export const portalLanguages = ['en', 'es'] as const;
export const portalLanguageSchema = z.enum(portalLanguages);
export type PortalLanguage = z.infer<typeof portalLanguageSchema>;

export const portalChannels = ['email', 'sms'] as const;
export const portalChannelSchema = z.enum(portalChannels);
export type PortalChannel = z.infer<typeof portalChannelSchema>;

/** A phone number as a person types it: digits, spaces, dashes, dots, brackets and a leading +. */
const phonePattern = /^\+?[\d\s().-]{7,20}$/;

/** An email address or a phone number: the one field of the sign-in form. */
export const portalAddressSchema = z
  .string()
  .trim()
  .min(3)
  .max(254)
  .refine((v) => z.email().safeParse(v).success || phonePattern.test(v), 'Enter an email address or a phone number');

/** A staff member invites the person to the portal at an address (email, or a mobile number for text messages). */
export const portalInvitationSchema = z
  .strictObject({
    channel: portalChannelSchema,
    address: z.string().trim().min(3).max(254),
    language: portalLanguageSchema.default('en'),
  })
  .superRefine((v, ctx) => {
    const ok = v.channel === 'email' ? z.email().safeParse(v.address).success : phonePattern.test(v.address);
    if (!ok)
      ctx.addIssue({
        code: 'custom',
        path: ['address'],
        message: v.channel === 'email' ? 'Enter an email address' : 'Enter a mobile phone number',
      });
  });
export type PortalInvitation = z.infer<typeof portalInvitationSchema>;

export const portalInvitationResultSchema = z.object({
  personId: z.uuid(),
  channel: portalChannelSchema,
  invitedAt: z.string(),
});
export type PortalInvitationResult = z.infer<typeof portalInvitationResultSchema>;

/** Does a person have portal access, and how? (Shown on the staff person page; no address.) */
export const portalAccessSchema = z.object({
  invited: z.boolean(),
  channels: z.array(portalChannelSchema),
  invitedAt: z.string().nullable(),
  lastSignInAt: z.string().nullable(),
});
export type PortalAccess = z.infer<typeof portalAccessSchema>;

export const portalCodeRequestSchema = z.strictObject({ address: portalAddressSchema, language: portalLanguageSchema.default('en') });
export type PortalCodeRequest = z.infer<typeof portalCodeRequestSchema>;

/** The same answer whether or not the address has portal access (enumeration-safe). */
export const portalCodeSentSchema = z.object({ sent: z.literal(true) });

export const PORTAL_CODE_LENGTH = 6;
export const portalVerifySchema = z.strictObject({
  address: portalAddressSchema,
  code: z
    .string()
    .trim()
    .regex(new RegExp(`^\\d{${PORTAL_CODE_LENGTH}}$`), `Enter the ${PORTAL_CODE_LENGTH}-digit code`),
});
export type PortalVerify = z.infer<typeof portalVerifySchema>;

/** What the portal's pages learn about the signed-in person. `csrfToken` goes in `x-csrf-token` on writes. */
export const portalSessionSchema = z.object({
  givenName: z.string(),
  language: portalLanguageSchema,
  csrfToken: z.string(),
  expiresAt: z.string(),
});
export type PortalSession = z.infer<typeof portalSessionSchema>;

/** One of the person's consents, with what the portal needs to explain it in plain words. */
export const portalConsentSchema = z.object({
  id: z.uuid(),
  type: consentTypeSchema,
  status: consentStatusSchema,
  /** Organizations that may share; null: every organization holding the person's records. */
  fromOrganizations: z.array(z.string()).nullable(),
  /** Organizations that may receive; null: those treating the person (a general designation). */
  toOrganizations: z.array(z.string()).nullable(),
  purposes: z.array(purposeSchema),
  kinds: z.array(recordKindSchema),
  signedAt: z.string().nullable(),
  expiresOn: z.string().nullable(),
  expiryEvent: expiryEventSchema.nullable(),
  revokedAt: z.string().nullable(),
  expiredAt: z.string().nullable(),
});
export type PortalConsent = z.infer<typeof portalConsentSchema>;
export const portalConsentListSchema = z.object({ items: z.array(portalConsentSchema) });

/** Who saw my record: one line of the accounting of disclosures (42 CFR 2.24/2.25), in plain words. */
export const portalDisclosureSchema = z.object({
  occurredAt: z.string(),
  organizationName: z.string().nullable(),
  fromOrganizationName: z.string().nullable(),
  purpose: purposeSchema,
  kinds: z.array(recordKindSchema),
  /** Seen without consent in a medical emergency (42 CFR 2.51). */
  emergency: z.boolean(),
});
export type PortalDisclosure = z.infer<typeof portalDisclosureSchema>;
export const portalDisclosureListSchema = z.object({ from: z.string(), to: z.string(), items: z.array(portalDisclosureSchema) });
export type PortalDisclosureList = z.infer<typeof portalDisclosureListSchema>;

/** "I need help today": an urgent outreach task for the person's navigator. */
export const portalHelpRequestSchema = z.strictObject({});
export const portalHelpResultSchema = z.object({
  /** false: a request made in the last hour is already with the navigator. */
  created: z.boolean(),
});
export type PortalHelpResult = z.infer<typeof portalHelpResultSchema>;
