import type { FeedKind } from '@continuum/contracts';
import { AppError } from '../../errors.ts';
import type { FeedAdapter } from './adapter.ts';
import { deathsAdapter } from './adapters/deaths.ts';
import { fhirAdapter } from './adapters/fhir.ts';
import { hl7v2Adapter } from './adapters/hl7v2.ts';
import { nemsisAdapter } from './adapters/nemsis.ts';
import { pdmpAdapter } from './adapters/pdmp.ts';
import { rosterAdapter } from './adapters/roster.ts';

/**
 * The registry of feed adapters: one line per kind (docs/integration.md, "Adding a feed"). A kind
 * the command line names but no adapter handles yet is refused as not yet available.
 */
export const feedAdapters: Partial<Record<FeedKind, FeedAdapter>> = {
  deaths: deathsAdapter,
  fhir: fhirAdapter,
  hl7v2: hl7v2Adapter,
  nemsis: nemsisAdapter,
  pdmp: pdmpAdapter,
  roster: rosterAdapter,
};

export function isImplemented(kind: FeedKind): boolean {
  return feedAdapters[kind] !== undefined;
}

export function adapterFor(kind: FeedKind): FeedAdapter {
  const adapter = feedAdapters[kind];
  if (!adapter)
    throw new AppError('VALIDATION_FAILED', {
      message: `Feeds of kind ${kind} are not available yet.`,
      fields: [{ path: 'kind', message: 'Not available yet' }],
    });
  return adapter;
}
