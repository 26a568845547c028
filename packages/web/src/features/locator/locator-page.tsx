import { useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useApi } from '../../api/api-context.tsx';
import { isApiError } from '../../api/api-error.ts';
import { useApiData } from '../../api/use-api-data.ts';
import { Button } from '../../ui/button.tsx';
import { PageHeading } from '../../ui/page-heading.tsx';
import { LocatorLayout } from './locator-layout.tsx';
import { formValuesFromUrl, resultPage, searchParamsFromUrl, urlFromFormValues, type LocatorFormValues } from './locator-query.ts';
import { LocatorResultCard } from './locator-result-card.tsx';
import { LocatorResultsMap, resultAnchorId } from './locator-results-map.tsx';
import { LocatorSearchForm } from './locator-search-form.tsx';
import { useLocatorLanguage } from './use-locator-language.ts';

/** The public treatment locator: search form, then results nearest first. Everything is in the URL. */
export function LocatorPage() {
  const client = useApi();
  const language = useLocatorLanguage();
  const { lang, strings } = language;
  const [searchParams, setSearchParams] = useSearchParams();
  const urlKey = searchParams.toString();
  const initialValues = useMemo(() => formValuesFromUrl(new URLSearchParams(urlKey)), [urlKey]);
  const query = useMemo(() => searchParamsFromUrl(new URLSearchParams(urlKey)), [urlKey]);
  const queryKey = query ? JSON.stringify(query) : '';

  const { data, error, isLoading } = useApiData(() => (query ? client.searchLocator(query) : Promise.resolve(null)), [queryKey]);

  const towns = useApiData(() => client.listLocatorTowns().catch(() => []), []);
  const townNames = useMemo(() => [...new Set((towns.data ?? []).map((item) => item.town))].sort(), [towns.data]);

  function search(values: LocatorFormValues) {
    setSearchParams(urlFromFormValues(values, lang));
  }

  const isPlaceNotFound = isApiError(error, 'PLACE_NOT_FOUND');
  const placeError = isPlaceNotFound ? strings.placeNotFound : undefined;
  const result = query && !isLoading && !error ? data : null;
  const status = !query
    ? ''
    : isLoading
      ? strings.searching
      : error
        ? isPlaceNotFound
          ? strings.placeNotFound
          : strings.searchFailed
        : result
          ? strings.resultCount(result.total, result.place.label, result.radiusMiles)
          : '';
  const detailsSearch = `?${urlKey}`;

  return (
    <LocatorLayout language={language}>
      <PageHeading title={strings.title} description={strings.intro} />
      <LocatorSearchForm
        key={urlKey}
        initialValues={initialValues}
        lang={lang}
        strings={strings}
        placeError={placeError}
        hasSearched={query !== null}
        towns={townNames}
        onSearch={search}
      />
      <section className="locator-results" aria-labelledby="locator-results-heading" aria-busy={isLoading && Boolean(query)}>
        <h2 id="locator-results-heading">{strings.resultsTitle}</h2>
        <p role="status" className="locator-status">
          {status}
          {result && result.items.length < result.total ? ` ${strings.showingFirst(result.items.length)}` : ''}
        </p>
        {result && result.total === 0 ? <p>{strings.noResultsHelp}</p> : null}
        {result && result.items.length > 0 ? (
          <div className="locator-results-layout">
            <ol id="locator-result-list" className="locator-result-list" aria-labelledby="locator-results-heading">
              {result.items.map((item, i) => (
                <li key={`${item.serviceId}:${item.locationId}`} id={resultAnchorId(i + 1)}>
                  <LocatorResultCard result={item} lang={lang} strings={strings} search={detailsSearch} />
                </li>
              ))}
            </ol>
            <LocatorResultsMap result={result} strings={strings} listId="locator-result-list" />
          </div>
        ) : null}
        {result && result.items.length < result.total && initialValues.limit < resultPage.max ? (
          <p>
            <Button onClick={() => search({ ...initialValues, limit: Math.min(resultPage.max, initialValues.limit + resultPage.size) })}>
              {strings.showMore}
            </Button>
          </p>
        ) : null}
      </section>
    </LocatorLayout>
  );
}
