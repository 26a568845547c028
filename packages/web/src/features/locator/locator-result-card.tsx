import { taxonomyTerms, type LocatorResult, type TaxonomyCode } from '@continuum/contracts';
import { Link } from 'react-router-dom';
import { Badge } from '../../ui/badge.tsx';
import { CapacityBadge } from './capacity-badge.tsx';
import { HoursList } from './hours-list.tsx';
import { languageLabel, telHref, termLabel } from './locator-format.ts';
import type { LocatorLanguage, LocatorStrings } from './locator-strings.ts';

interface LocatorResultCardProps {
  result: LocatorResult;
  lang: LocatorLanguage;
  strings: LocatorStrings;
  /** The current search, carried to the details page so "Back to results" returns here. */
  search: string;
}

const offerCategories = new Set(['medication', 'level_of_care', 'harm_reduction', 'support', 'population']);

function codesIn(codes: readonly TaxonomyCode[], predicate: (category: string) => boolean): TaxonomyCode[] {
  return codes.filter((code) => predicate(taxonomyTerms[code].category));
}

/** One service at one location: distance, openings, hours, and the three things to do next (call, go, read more). */
export function LocatorResultCard({ result, lang, strings, search }: LocatorResultCardProps) {
  const headingId = `result-${result.serviceId}-${result.locationId}`;
  const address = [
    result.address.address1,
    result.address.address2,
    `${result.address.city}, ${result.address.region} ${result.address.postalCode}`,
  ]
    .filter(Boolean)
    .join(', ');
  const offers = codesIn(result.codes, (category) => offerCategories.has(category));
  const payments = codesIn(result.codes, (category) => category === 'payment');
  return (
    <article className="card locator-result" aria-labelledby={headingId}>
      <div className="locator-result-head">
        <h3 id={headingId}>
          <Link to={`/find/services/${result.serviceId}${search}`}>{result.serviceName}</Link>
        </h3>
        <p className="locator-distance">{strings.distance(result.distanceMiles)}</p>
      </div>
      <p className="locator-organization">
        {result.organizationName}
        {result.locationName && result.locationName !== result.organizationName ? ` · ${result.locationName}` : ''}
      </p>
      <p className="locator-address">{address}</p>
      <div className="locator-badges">
        {result.openNow === true ? <Badge tone="positive">{strings.openNowBadge}</Badge> : null}
        {result.openNow === false ? <Badge>{strings.closedNowBadge}</Badge> : null}
        {result.walkIn ? <Badge>{strings.walkInBadge}</Badge> : null}
        {result.telehealth ? <Badge>{strings.telehealthBadge}</Badge> : null}
      </div>
      <CapacityBadge capacity={result.capacity} lang={lang} strings={strings} />
      {offers.length > 0 ? (
        <p className="locator-offers">
          <span className="locator-label">{strings.offersTitle}: </span>
          {offers.map((code) => termLabel(code, lang)).join(' · ')}
        </p>
      ) : null}
      {payments.length > 0 ? (
        <p className="locator-offers">
          <span className="locator-label">{strings.paymentTitle}: </span>
          {payments.map((code) => termLabel(code, lang)).join(' · ')}
        </p>
      ) : null}
      {result.languages.length > 0 ? (
        <p className="locator-offers">
          <span className="locator-label">{strings.languagesTitle}: </span>
          {result.languages.map((code) => languageLabel(code, lang)).join(' · ')}
        </p>
      ) : null}
      <details className="locator-hours">
        <summary>{strings.hoursTitle}</summary>
        <HoursList hours={result.hours} strings={strings} />
        {result.hoursNote ? <p className="muted">{result.hoursNote}</p> : null}
      </details>
      <ul className="locator-actions">
        {result.phone ? (
          <li>
            <a className="button button-secondary" href={telHref(result.phone)}>
              {strings.call(result.phone)}
            </a>
          </li>
        ) : null}
        <li>
          <a className="button button-secondary" href={result.directions.url} aria-label={strings.directionsTo(result.serviceName)}>
            {strings.directions}
          </a>
        </li>
        <li>
          <Link
            className="button button-quiet"
            to={`/find/services/${result.serviceId}${search}`}
            aria-label={strings.detailsFor(result.serviceName)}
          >
            {strings.details}
          </Link>
        </li>
      </ul>
    </article>
  );
}
