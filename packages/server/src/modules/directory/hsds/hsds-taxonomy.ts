import { createHash } from 'node:crypto';
import { taxonomyCategoryLabels, taxonomyCodes, taxonomyTerms, type TaxonomyCode } from '@continuum/contracts';

/** A name-based (version 5 style, SHA-1) UUID: the same parts always give the same id. */
export function stableId(...parts: string[]): string {
  const h = createHash('sha1')
    .update(`continuum-hsds:${parts.join(':')}`)
    .digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}

export const CONTINUUM_TAXONOMY = {
  id: stableId('taxonomy', 'continuum-oud'),
  name: 'Continuum OUD care',
  description:
    'Opioid use disorder care, harm reduction, recovery support, payment and populations served. Codes reuse SAMHSA FindTreatment.gov filter codes where one exists.',
  uri: 'https://continuum.example.org/taxonomy/oud',
  version: '1',
} as const;

export const continuumTermId = (code: string) => stableId('taxonomy-term', code);
const codeByTermId = new Map<string, TaxonomyCode>(taxonomyCodes.map((c) => [continuumTermId(c), c]));

export function continuumTerm(code: TaxonomyCode) {
  const term = taxonomyTerms[code];
  return {
    id: continuumTermId(code),
    code,
    name: term.en,
    description: `${taxonomyCategoryLabels[term.category].en}: ${term.en}`,
    taxonomy: CONTINUUM_TAXONOMY.name,
    taxonomy_id: CONTINUUM_TAXONOMY.id,
    language: 'en',
  };
}

/** The service attribute that tags a service with a Continuum term. */
export function continuumAttribute(serviceId: string, code: TaxonomyCode) {
  return {
    id: stableId('attribute', serviceId, code),
    link_id: serviceId,
    link_type: taxonomyTerms[code].category,
    link_entity: 'service',
    taxonomy_term_id: continuumTermId(code),
    taxonomy_term: { ...continuumTerm(code), taxonomy_detail: { ...CONTINUUM_TAXONOMY } },
  };
}

/** The Continuum code an HSDS attribute carries, if it is one of ours. */
export function continuumCodeOf(attribute: { taxonomy_term_id?: unknown; taxonomy_term?: { id?: unknown } }): TaxonomyCode | null {
  const id =
    typeof attribute.taxonomy_term_id === 'string'
      ? attribute.taxonomy_term_id
      : typeof attribute.taxonomy_term?.id === 'string'
        ? attribute.taxonomy_term.id
        : null;
  return id ? (codeByTermId.get(id) ?? null) : null;
}
