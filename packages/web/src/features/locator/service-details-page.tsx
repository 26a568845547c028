import {
  isWebAddress,
  taxonomyCategories,
  taxonomyCategoryLabels,
  taxonomyTerms,
  type TaxonomyCategory,
  type TaxonomyCode,
} from '@continuum/contracts';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { useApi } from '../../api/api-context.tsx';
import { isApiError } from '../../api/api-error.ts';
import { useApiData } from '../../api/use-api-data.ts';
import { Alert } from '../../ui/alert.tsx';
import { Badge } from '../../ui/badge.tsx';
import { PageHeading } from '../../ui/page-heading.tsx';
import { CapacityBadge } from './capacity-badge.tsx';
import { HoursList } from './hours-list.tsx';
import { languageLabel, telHref, termLabel, verificationNote } from './locator-format.ts';
import { LocatorLayout } from './locator-layout.tsx';
import { useLocatorLanguage } from './use-locator-language.ts';

function codesBy(codes: readonly TaxonomyCode[]): [TaxonomyCategory, TaxonomyCode[]][] {
  return taxonomyCategories
    .map((category): [TaxonomyCategory, TaxonomyCode[]] => [category, codes.filter((code) => taxonomyTerms[code].category === category)])
    .filter(([, list]) => list.length > 0);
}

/** A service's page on the public locator: what it offers, who it serves, where and when, and how to reach it. */
export function ServiceDetailsPage() {
  const { id = '' } = useParams();
  const client = useApi();
  const language = useLocatorLanguage();
  const { lang, strings } = language;
  const [searchParams] = useSearchParams();
  const { data, error, isLoading } = useApiData(() => client.getLocatorService(id), [id]);
  const hasSearch = searchParams.has('zip') || searchParams.has('town') || searchParams.has('lat');
  const back = (
    <p className="locator-back">
      <Link to={`/find?${searchParams.toString()}`}>{hasSearch ? strings.detailsBack : strings.detailsNewSearch}</Link>
    </p>
  );

  if (!data) {
    return (
      <LocatorLayout language={language}>
        {back}
        {isLoading ? (
          <p role="status">{strings.loading}</p>
        ) : (
          <Alert
            tone="error"
            title={
              isApiError(error, 'DIRECTORY_SERVICE_NOT_FOUND') || isApiError(error, 'NOT_FOUND')
                ? strings.serviceNotFound
                : strings.searchFailed
            }
          />
        )}
      </LocatorLayout>
    );
  }

  return (
    <LocatorLayout language={language}>
      {back}
      <PageHeading title={data.serviceName} eyebrow={data.organizationName} />
      <div className="locator-badges">
        {data.walkIn ? <Badge>{strings.walkInBadge}</Badge> : null}
        {data.telehealth ? <Badge>{strings.telehealthBadge}</Badge> : null}
      </div>
      <section aria-labelledby="details-capacity">
        <h2 id="details-capacity">{strings.capacityTitle}</h2>
        {data.capacities.length === 0 ? (
          <CapacityBadge capacity={null} lang={lang} strings={strings} />
        ) : (
          data.capacities.map((capacity) => <CapacityBadge key={capacity.unit} capacity={capacity} lang={lang} strings={strings} />)
        )}
        <p className="muted">{verificationNote(data.verifiedAt, new Date(), strings)}</p>
      </section>
      {data.description || data.eligibilityDescription || data.feesDescription || data.minimumAge !== null || data.maximumAge !== null ? (
        <section aria-labelledby="details-about">
          <h2 id="details-about">{strings.aboutService}</h2>
          {data.description ? <p>{data.description}</p> : null}
          <dl className="details">
            {data.eligibilityDescription || data.minimumAge !== null || data.maximumAge !== null ? (
              <div>
                <dt>{strings.eligibility}</dt>
                <dd>
                  {[
                    data.eligibilityDescription,
                    data.minimumAge !== null || data.maximumAge !== null ? strings.ages(data.minimumAge, data.maximumAge) : null,
                  ]
                    .filter(Boolean)
                    .join(' ')}
                </dd>
              </div>
            ) : null}
            {data.feesDescription ? (
              <div>
                <dt>{strings.fees}</dt>
                <dd>{data.feesDescription}</dd>
              </div>
            ) : null}
            {data.languages.length > 0 ? (
              <div>
                <dt>{strings.languagesTitle}</dt>
                <dd>{data.languages.map((code) => languageLabel(code, lang)).join(', ')}</dd>
              </div>
            ) : null}
          </dl>
        </section>
      ) : null}
      {data.codes.length > 0 ? (
        <section aria-labelledby="details-offers">
          <h2 id="details-offers">{strings.offersTitle}</h2>
          <dl className="details">
            {codesBy(data.codes).map(([category, codes]) => (
              <div key={category}>
                <dt>{taxonomyCategoryLabels[category][lang]}</dt>
                <dd>{codes.map((code) => termLabel(code, lang)).join(', ')}</dd>
              </div>
            ))}
          </dl>
        </section>
      ) : null}
      <section aria-labelledby="details-locations">
        <h2 id="details-locations">{strings.locationsTitle}</h2>
        {data.locations.map((location) => {
          const address = [
            location.address.address1,
            location.address.address2,
            `${location.address.city}, ${location.address.region} ${location.address.postalCode}`,
          ]
            .filter(Boolean)
            .join(', ');
          return (
            <article key={location.locationId} className="card locator-result" aria-labelledby={`location-${location.locationId}`}>
              <h3 id={`location-${location.locationId}`}>{location.name}</h3>
              <p className="locator-address">{address}</p>
              <div className="locator-badges">
                {location.openNow === true ? <Badge tone="positive">{strings.openNowBadge}</Badge> : null}
                {location.openNow === false ? <Badge>{strings.closedNowBadge}</Badge> : null}
              </div>
              <h4 className="locator-subheading">{strings.hoursTitle}</h4>
              <HoursList hours={location.hours} strings={strings} />
              <ul className="locator-actions">
                {(location.phone ?? data.phone) ? (
                  <li>
                    <a className="button button-secondary" href={telHref(location.phone ?? data.phone ?? '')}>
                      {strings.call(location.phone ?? data.phone ?? '')}
                    </a>
                  </li>
                ) : null}
                <li>
                  <a className="button button-secondary" href={location.directions.url} aria-label={strings.directionsTo(location.name)}>
                    {strings.directions}
                  </a>
                </li>
              </ul>
            </article>
          );
        })}
        {data.hoursNote ? <p className="muted">{data.hoursNote}</p> : null}
      </section>
      {data.url || data.email || data.organizationDescription ? (
        <section aria-labelledby="details-contact">
          <h2 id="details-contact">{strings.aboutOrganization}</h2>
          {data.organizationDescription ? <p>{data.organizationDescription}</p> : null}
          <dl className="details">
            {isWebAddress(data.url) ? (
              <div>
                <dt>{strings.website}</dt>
                <dd>
                  <a href={data.url}>{data.url}</a>
                </dd>
              </div>
            ) : null}
            {data.email ? (
              <div>
                <dt>{strings.email}</dt>
                <dd>
                  <a href={`mailto:${data.email}`}>{data.email}</a>
                </dd>
              </div>
            ) : null}
          </dl>
        </section>
      ) : null}
    </LocatorLayout>
  );
}
