import { directoryLanguageCodes, taxonomyCategoryLabels, taxonomyCodesOf } from '@continuum/contracts';
import { useState, type FormEvent } from 'react';
import { Alert } from '../../ui/alert.tsx';
import { Button } from '../../ui/button.tsx';
import { CheckboxField, CheckboxGroup, SelectField, TextField } from '../../ui/field.tsx';
import { languageLabel, termLabel } from './locator-format.ts';
import {
  activeFilterCount,
  emptyFormValues,
  flagFilters,
  harmReductionValues,
  listFilters,
  placeProblem,
  radiusChoices,
  type FlagFilter,
  type ListFilter,
  type LocatorFormValues,
} from './locator-query.ts';
import type { LocatorLanguage, LocatorStrings } from './locator-strings.ts';

interface LocatorSearchFormProps {
  initialValues: LocatorFormValues;
  lang: LocatorLanguage;
  strings: LocatorStrings;
  /** A message from the server about the place (unknown ZIP or town). */
  placeError?: string | undefined;
  /** After a search the filters fold away so the results come first on a phone. */
  hasSearched: boolean;
  /** The network's towns, offered as suggestions while typing. */
  towns?: readonly string[];
  onSearch: (values: LocatorFormValues) => void;
}

type GeoMessage = 'denied' | 'unavailable' | 'unsupported' | null;

const flagLabel = (strings: LocatorStrings): Record<FlagFilter, string> => ({
  walkIn: strings.walkIn,
  telehealth: strings.telehealth,
  openNow: strings.openNow,
  hasCapacity: strings.hasCapacity,
});

/** Filters shown at once; the rest sit behind "More filters" to keep the page short on a phone. */
const firstFilters: readonly ListFilter[] = ['medication'];
const moreFilters: readonly ListFilter[] = ['levelOfCare', 'payment', 'population'];

/**
 * The locator's search: place (typed or the browser's location), distance and filters. Submitting
 * hands the values to the page, which puts them in the URL.
 */
export function LocatorSearchForm({ initialValues, lang, strings, placeError, hasSearched, towns = [], onSearch }: LocatorSearchFormProps) {
  const [values, setValues] = useState<LocatorFormValues>(initialValues);
  const [placeMessage, setPlaceMessage] = useState<string | undefined>(undefined);
  const [geoMessage, setGeoMessage] = useState<GeoMessage>(null);
  const [isLocating, setLocating] = useState(false);
  const labels = flagLabel(strings);
  const hasMoreFilters = moreFilters.some((name) => initialValues.lists[name].length > 0) || initialValues.language !== '';

  function setList(name: ListFilter, codes: string[]) {
    setValues((previous) => ({ ...previous, lists: { ...previous.lists, [name]: codes } }));
  }

  function setFlag(name: FlagFilter, isOn: boolean) {
    setValues((previous) => ({ ...previous, flags: { ...previous.flags, [name]: isOn } }));
  }

  function problemMessage(next: LocatorFormValues): string | undefined {
    const problem = placeProblem(next);
    if (problem === 'missing') return strings.enterPlace;
    if (problem === 'zip') return strings.zipInvalid;
    if (problem === 'town') return strings.townTooShort;
    return undefined;
  }

  function submit(next: LocatorFormValues) {
    const message = problemMessage(next);
    setPlaceMessage(message);
    if (message) {
      document.getElementById('locator-place')?.focus();
      return;
    }
    // A new search starts again from the nearest results.
    onSearch({ ...next, limit: emptyFormValues().limit });
  }

  /** Asks the browser where the person is, then searches there with `then(values)`. */
  function locate(then: (coordinates: { lat: number; lon: number }) => void) {
    setGeoMessage(null);
    setPlaceMessage(undefined);
    if (typeof navigator === 'undefined' || !('geolocation' in navigator)) {
      setGeoMessage('unsupported');
      return;
    }
    setLocating(true);
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setLocating(false);
        then({ lat: position.coords.latitude, lon: position.coords.longitude });
      },
      (error) => {
        setLocating(false);
        setGeoMessage(error.code === error.PERMISSION_DENIED ? 'denied' : 'unavailable');
      },
      { enableHighAccuracy: false, timeout: 15_000, maximumAge: 600_000 },
    );
  }

  function searchNearMe() {
    locate((coordinates) => {
      const next = { ...values, place: '', coordinates };
      setValues(next);
      submit(next);
    });
  }

  function findHarmReduction() {
    const next = harmReductionValues(values);
    setValues(next);
    if (placeProblem(next) === 'missing') {
      locate((coordinates) => submit({ ...next, coordinates }));
      return;
    }
    submit(next);
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    submit(values);
  }

  function clearFilters() {
    const next = { ...emptyFormValues(), place: values.place, coordinates: values.coordinates, radius: values.radius };
    setValues(next);
    if (!problemMessage(next)) onSearch(next);
  }

  const geoText =
    geoMessage === 'denied'
      ? strings.locationDenied
      : geoMessage === 'unavailable'
        ? strings.locationUnavailable
        : geoMessage === 'unsupported'
          ? strings.locationUnsupported
          : null;

  const listGroup = (name: ListFilter) => (
    <CheckboxGroup
      key={name}
      id={`locator-${name}`}
      name={name}
      legend={taxonomyCategoryLabels[listFilters[name]][lang]}
      options={taxonomyCodesOf(listFilters[name]).map((code) => ({ value: code, label: termLabel(code, lang) }))}
      values={values.lists[name]}
      onChange={(codes) => setList(name, codes)}
    />
  );

  return (
    <div className="locator-search">
      <div className="locator-harm-reduction">
        <Button
          variant="primary"
          className="button-block locator-naloxone"
          onClick={findHarmReduction}
          aria-describedby="locator-naloxone-hint"
        >
          {strings.naloxoneButton}
        </Button>
        <p id="locator-naloxone-hint" className="field-hint">
          {strings.naloxoneHint}
        </p>
      </div>
      <form className="form locator-form" role="search" aria-label={strings.searchFormName} noValidate onSubmit={handleSubmit}>
        <div className="locator-place">
          <TextField
            id="locator-place"
            name="place"
            label={strings.placeLabel}
            hint={strings.placeHint}
            autoComplete="postal-code"
            list={towns.length > 0 ? 'locator-towns' : undefined}
            value={values.place}
            error={placeMessage ?? placeError}
            onChange={(event) => {
              const place = event.currentTarget.value;
              setValues((previous) => ({ ...previous, place }));
            }}
          />
          {towns.length > 0 ? (
            <datalist id="locator-towns">
              {towns.map((town) => (
                <option key={town} value={town} />
              ))}
            </datalist>
          ) : null}
          <Button onClick={searchNearMe} isPending={isLocating} pendingLabel={strings.locating}>
            {strings.useMyLocation}
          </Button>
        </div>
        {values.coordinates && !values.place.trim() ? <p className="muted">{strings.nearYourLocation}</p> : null}
        {geoText ? (
          <Alert tone="warning" role="alert">
            {geoText}
          </Alert>
        ) : null}
        <SelectField
          id="locator-radius"
          name="radius"
          label={strings.radiusLabel}
          value={String(values.radius)}
          options={[...new Set<number>([...radiusChoices, values.radius])]
            .sort((a, b) => a - b)
            .map((miles) => ({ value: String(miles), label: strings.radiusOption(miles) }))}
          onChange={(event) => {
            const radius = Number(event.currentTarget.value);
            setValues((previous) => ({ ...previous, radius }));
          }}
        />
        <details className="locator-filters" open={!hasSearched}>
          <summary>{strings.filtersSummary(activeFilterCount(initialValues))}</summary>
          {firstFilters.map(listGroup)}
          <fieldset className="field checkbox-group">
            <legend className="field-label">{taxonomyCategoryLabels.access[lang]}</legend>
            <div className="checkbox-options">
              {flagFilters.map((name) => (
                <CheckboxField
                  key={name}
                  id={`locator-${name}`}
                  name={name}
                  label={labels[name]}
                  checked={values.flags[name]}
                  onChange={(event) => setFlag(name, event.currentTarget.checked)}
                />
              ))}
            </div>
          </fieldset>
          <details className="locator-more" open={hasMoreFilters}>
            <summary>{strings.moreFilters}</summary>
            {moreFilters.map(listGroup)}
            <SelectField
              id="locator-language"
              name="language"
              label={strings.languageLabel}
              value={values.language}
              options={[
                { value: '', label: strings.anyLanguage },
                ...directoryLanguageCodes.map((code) => ({ value: code, label: languageLabel(code, lang) })),
              ]}
              onChange={(event) => {
                const language = event.currentTarget.value;
                setValues((previous) => ({ ...previous, language }));
              }}
            />
          </details>
        </details>
        <div className="form-actions">
          <Button type="submit" variant="primary">
            {strings.search}
          </Button>
          {activeFilterCount(values) > 0 ? (
            <Button variant="quiet" onClick={clearFilters}>
              {strings.clearFilters}
            </Button>
          ) : null}
        </div>
      </form>
    </div>
  );
}
