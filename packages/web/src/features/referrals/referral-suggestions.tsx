import { useState } from 'react';
import { capacityStatusLabels, taxonomyCodesOf, taxonomyTerms, type ReferralSuggestion, type TaxonomyCode } from '@continuum/contracts';
import { Badge } from '../../ui/badge.tsx';
import { Button } from '../../ui/button.tsx';
import { CheckboxGroup, SelectField } from '../../ui/field.tsx';
import { scoreParts } from './referral-format.ts';

export interface SuggestionFilters {
  codes: TaxonomyCode[];
  payment: string;
}

/** What the person needs, offered as filters: medications, levels of care and support services. */
const needCodes: TaxonomyCode[] = [
  ...taxonomyCodesOf('medication').slice(0, 3),
  'OP',
  'IOP',
  'RES',
  'WM_OP',
  'WM_IP',
  'PEER',
  'HOUSING',
  'MH',
];
const paymentCodes = taxonomyCodesOf('payment');

export function SuggestionFilterForm({ value, onChange }: { value: SuggestionFilters; onChange: (next: SuggestionFilters) => void }) {
  // The filters live in the address, which updates in a transition: the boxes show a change at
  // once from local state, and follow the address when it changes from elsewhere.
  const key = `${value.codes.join(',')}|${value.payment}`;
  const [shown, setShown] = useState(value);
  const [shownKey, setShownKey] = useState(key);
  if (key !== shownKey) {
    setShownKey(key);
    setShown(value);
  }
  const change = (next: SuggestionFilters) => {
    setShown(next);
    onChange(next);
  };
  return (
    <div className="referral-filters">
      <CheckboxGroup
        id="suggest-codes"
        name="codes"
        legend="What the person needs"
        hint="Suggestions that offer these rank higher."
        options={needCodes.map((code) => ({ value: code, label: taxonomyTerms[code].en }))}
        values={shown.codes}
        onChange={(codes) => change({ ...shown, codes })}
      />
      <SelectField
        id="suggest-payment"
        label="How the person pays"
        isOptional
        value={shown.payment}
        options={[{ value: '', label: 'Not known' }, ...paymentCodes.map((code) => ({ value: code, label: taxonomyTerms[code].en }))]}
        onChange={(event) => change({ ...shown, payment: event.currentTarget.value })}
      />
    </div>
  );
}

function Capacity({ capacity }: { capacity: ReferralSuggestion['capacity'] }) {
  if (!capacity) return <>Capacity not reported</>;
  const label = capacityStatusLabels[capacity.status].en;
  return (
    <>
      {label}
      {capacity.available !== null ? ` (${capacity.available} open)` : ''}
      {capacity.stale ? ' · not confirmed recently' : ''}
    </>
  );
}

/** One ranked service with the parts of its score, so the choice can be explained. */
export function SuggestionCard({ suggestion, rank, onChoose }: { suggestion: ReferralSuggestion; rank: number; onChoose: () => void }) {
  const headingId = `suggestion-${rank}`;
  return (
    <li className="card referral-suggestion" aria-labelledby={headingId}>
      <div className="section-heading">
        <h3 id={headingId}>
          {rank}. {suggestion.serviceName} — {suggestion.organizationName}
        </h3>
        <p className="referral-score" aria-label={`Score ${Math.round(suggestion.score)} of 100`}>
          {Math.round(suggestion.score)}
        </p>
      </div>
      <dl className="details">
        <div>
          <dt>Pathway</dt>
          <dd>{suggestion.pathwayName}</dd>
        </div>
        <div>
          <dt>Where</dt>
          <dd>
            {suggestion.locationName ?? 'Location not given'}
            {suggestion.distanceMiles !== null ? ` · ${suggestion.distanceMiles.toFixed(1)} miles` : ''}
          </dd>
        </div>
        <div>
          <dt>Capacity</dt>
          <dd>
            <Capacity capacity={suggestion.capacity} />
          </dd>
        </div>
        <div>
          <dt>Payment</dt>
          <dd>
            {suggestion.acceptsPayment === null
              ? 'Not known'
              : suggestion.acceptsPayment
                ? 'Accepts the person’s payment'
                : 'May not accept the person’s payment'}
          </dd>
        </div>
        <div>
          <dt>Eligibility</dt>
          <dd>{suggestion.eligibilityNotes.length > 0 ? suggestion.eligibilityNotes.join('; ') : 'No concerns found'}</dd>
        </div>
        <div>
          <dt>Consent</dt>
          <dd>
            {suggestion.consentCovers ? <Badge tone="positive">Consent on file</Badge> : <Badge tone="warning">Consent needed</Badge>}
          </dd>
        </div>
      </dl>
      <table className="score-parts">
        <caption>Why this rank</caption>
        <tbody>
          {scoreParts(suggestion.parts).map((part) => (
            <tr key={part.key}>
              <th scope="row">{part.label}</th>
              <td>
                <span className="score-bar" aria-hidden="true">
                  <span style={{ width: `${part.percent}%` }} />
                </span>{' '}
                {part.percent}%
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Button
        variant="primary"
        onClick={onChoose}
        aria-label={`Refer to ${suggestion.serviceName} at ${suggestion.organizationName}, pathway “${suggestion.pathwayName}”`}
      >
        Choose this service
      </Button>
    </li>
  );
}
