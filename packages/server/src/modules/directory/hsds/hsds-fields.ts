import type { z } from 'zod';
import { createDirectoryLocationSchema, createDirectoryOrganizationSchema, createDirectoryServiceSchema } from '@continuum/contracts';
import type { HsdsIssue } from './hsds-schemas.ts';

/*
 * An imported record's text fields checked with the same contract schemas the API's create
 * endpoints use, so the CLI import and `POST /api/directory/...` accept the same values: the same
 * lengths (a description at most 4,000 characters), websites http or https only. Only the fields an
 * HSDS record carries are checked (HSDS makes most of them optional).
 */
const organizationFields = createDirectoryOrganizationSchema.pick({ name: true, description: true, website: true }).partial();
const serviceFields = createDirectoryServiceSchema
  .pick({ name: true, description: true, url: true, eligibilityDescription: true, feesDescription: true })
  .partial();
const locationFields = createDirectoryLocationSchema.pick({ name: true, address1: true, address2: true, city: true }).partial();

/** field in the contract → where it is in the HSDS record */
type FieldMap = Record<string, string>;

function check(schema: z.ZodType, values: Record<string, unknown>, where: FieldMap, at: string): HsdsIssue[] {
  const present = Object.fromEntries(Object.entries(values).filter(([, v]) => typeof v === 'string' && v !== ''));
  const result = schema.safeParse(present);
  if (result.success) return [];
  return result.error.issues.map((i) => ({ path: `${at}/${where[String(i.path[0])] ?? String(i.path[0])}`, reason: i.message }));
}

export function organizationFieldIssues(values: { name: unknown; description: unknown; website: unknown }, at: string): HsdsIssue[] {
  return check(organizationFields, values, { name: 'name', description: 'description', website: 'website' }, at);
}

export function serviceFieldIssues(
  values: { name: unknown; description: unknown; url: unknown; eligibilityDescription: unknown; feesDescription: unknown },
  at: string,
): HsdsIssue[] {
  return check(
    serviceFields,
    values,
    {
      name: 'name',
      description: 'description',
      url: 'url',
      eligibilityDescription: 'eligibility_description',
      feesDescription: 'fees_description',
    },
    at,
  );
}

export function locationFieldIssues(
  values: { name: unknown; address1: unknown; address2: unknown; city: unknown },
  at: string,
): HsdsIssue[] {
  return check(
    locationFields,
    values,
    { name: 'name', address1: 'addresses/0/address_1', address2: 'addresses/0/address_2', city: 'addresses/0/city' },
    at,
  );
}
