import { describeError } from '../../api/api-error.ts';
import { useApiData } from '../../api/use-api-data.ts';
import { Alert } from '../../ui/alert.tsx';
import { Badge } from '../../ui/badge.tsx';
import type { OverdoseApi } from './api.ts';
import { OverdoseApiProvider, useOverdoseApi } from './api-context.tsx';

/** The nearest MOUD and harm-reduction services to an overdose event's area (for outreach). */
export function NearbyServicesSection({ eventId, headingLevel = 2 }: { eventId: string; headingLevel?: 2 | 3 }) {
  const api = useOverdoseApi();
  const services = useApiData(() => api.nearbyServices(eventId), [eventId]);
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section aria-labelledby={`nearby-heading-${eventId}`}>
      <Heading id={`nearby-heading-${eventId}`}>Nearby treatment and harm-reduction services</Heading>
      {services.error ? <Alert tone="error">{describeError(services.error)}</Alert> : null}
      {services.isLoading ? <p role="status">Loading services…</p> : null}
      {services.data && services.data.items.length === 0 ? <p>No services listed near {services.data.areaName}.</p> : null}
      {services.data && services.data.items.length > 0 ? (
        <ul className="overdose-services" aria-label={`Services near ${services.data.areaName}`}>
          {services.data.items.map((s) => (
            <li key={`${s.category}-${s.serviceId}`}>
              <strong>{s.serviceName}</strong> — {s.organizationName} ({s.category === 'moud' ? 'medication for OUD' : 'harm reduction'}),{' '}
              {s.distanceMiles} mi
              {s.openNow === true ? (
                <>
                  {' '}
                  <Badge tone="positive">Open now</Badge>
                </>
              ) : null}
              {s.phone ? <> · {s.phone}</> : null}
              {s.address ? <> · {s.address}</> : null}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

/**
 * For pages outside /overdose-response (the worklist's post-overdose task page): the same section
 * with its own API provider. `eventId` is the task's source id when its source type is `overdose_event`.
 */
export function OverdoseNearbyServices({ eventId, api, headingLevel }: { eventId: string; api?: OverdoseApi; headingLevel?: 2 | 3 }) {
  return (
    <OverdoseApiProvider {...(api ? { api } : {})}>
      <NearbyServicesSection eventId={eventId} {...(headingLevel ? { headingLevel } : {})} />
    </OverdoseApiProvider>
  );
}
