import type { RawPerson } from '../records.ts';
import type { ClkSet } from './dice.ts';
import type { Encoder } from './encode.ts';
import { linkEncodings, type LinkOptions, type LinkStats } from './link.ts';
import { encodeRegistryPeople } from './records.ts';

/** A registry person linked to a record of an encoded file. */
export interface RegistryLink {
  personId: string;
  recordId: string;
  similarity: number;
}

/**
 * Links an encoded file (from a partner that may not disclose identity) to the registry's own
 * encoded view: the registry-shaped people are encoded with the same schema and secret, then linked
 * one to one by Dice similarity. Pure: the caller supplies people it has read through the registry
 * chokepoint, and must hold the network secret — so this runs at a party that may hold it, never at
 * a hub that only compares encodings.
 */
export async function linkToRegistry(
  file: ClkSet,
  people: readonly (RawPerson & { id: string })[],
  encoder: Encoder,
  options: LinkOptions = {},
): Promise<{ links: RegistryLink[]; stats: LinkStats }> {
  const registry = encodeRegistryPeople(people, encoder);
  const { matches, stats } = await linkEncodings(registry, file, options);
  const links = Array.from(matches.l, (l, k) => ({
    personId: registry.ids[l]!,
    recordId: file.ids[matches.r[k]!]!,
    similarity: matches.similarity[k]!,
  }));
  return { links, stats };
}
