import { z } from 'zod';

export const idSchema = z.uuid();
export const idParamsSchema = z.strictObject({ id: z.uuid() });
export const timestampSchema = z.iso.datetime({ offset: true });

export const pageQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
  q: z.string().trim().max(200).optional(),
});
export type PageQuery = z.infer<typeof pageQuerySchema>;

/** Paging alone, for lists with no search: `limit` (default 50, at most 500) and `offset`. */
export const listPageQuerySchema = pageQuerySchema.omit({ q: true });
export type ListPageQuery = z.infer<typeof listPageQuerySchema>;

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int() });
}

/**
 * A web address shown to people as a link (directory and organization websites): http or https only,
 * so `javascript:`, `data:` and other schemes never reach an href.
 */
export const webAddressSchema = z.httpUrl({ error: 'Expected a web address starting with http:// or https://' }).max(500);

/** Whether a stored address is safe to put in an href (records saved before webAddressSchema may hold other schemes). */
export function isWebAddress(value: string | null | undefined): value is string {
  return typeof value === 'string' && webAddressSchema.safeParse(value).success;
}

export const okSchema = z.object({ ok: z.literal(true) });
