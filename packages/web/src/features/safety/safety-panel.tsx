import type { PersonSafety } from '@continuum/contracts';
import { useState } from 'react';
import { useApi } from '../../api/api-context.tsx';
import { describeError } from '../../api/api-error.ts';
import { useApiData } from '../../api/use-api-data.ts';
import { useSubmission } from '../../api/use-submission.ts';
import { hasRole, useSession } from '../../app/session-provider.tsx';
import { Alert } from '../../ui/alert.tsx';
import { Badge } from '../../ui/badge.tsx';
import { Button, ButtonLink } from '../../ui/button.tsx';
import { formatDate } from '../../ui/format.ts';
import { Table } from '../../ui/table.tsx';
import { MmeChart } from './mme-chart.tsx';
import { indicatorLabels, indicatorTones, notComputableLabels, restrictedText, shortCitation } from './safety-format.ts';
import { TaperPlanner } from './taper-planner.tsx';
import './safety.css';

function TotalLine({ safety }: { safety: PersonSafety }) {
  if (safety.notComputable.length > 0) {
    return (
      <p className="safety-total">
        <strong>Total today cannot be computed</strong>:{' '}
        {safety.notComputable.map((n) => `${n.drug} (${notComputableLabels[n.reason]})`).join('; ')}. The computable prescriptions add up to{' '}
        {safety.computableMmePerDay} MME/day, so the true total is at least that.
      </p>
    );
  }
  if (safety.mmePerDay === null) return <p className="safety-total">No opioid pain medication is active today.</p>;
  return (
    <p className="safety-total">
      Total today: <strong>{safety.mmePerDay} MME/day</strong>
    </p>
  );
}

function Alerts({ rules }: { rules: PersonSafety['rules'] }) {
  if (rules.length === 0) return <p>No prescribing-safety alerts.</p>;
  return (
    <ul className="safety-alerts" aria-label="Active alerts">
      {rules.map((rule) => (
        <li key={rule.code} className={`safety-alert safety-alert-${rule.indicator}`}>
          <p className="safety-alert-title">
            <Badge tone={indicatorTones[rule.indicator]}>{indicatorLabels[rule.indicator]}</Badge> {rule.title}{' '}
            <code className="safety-code">{rule.code}</code>
          </p>
          <p>{rule.explanation}</p>
          <p className="safety-citation">
            <cite title={rule.citation}>{shortCitation(rule.citation)}</cite>
          </p>
        </li>
      ))}
    </ul>
  );
}

function Medications({ medications }: { medications: PersonSafety['medications'] }) {
  if (medications.length === 0) return null;
  return (
    <Table caption="Dispensings in the last 12 months" narrowLayout="stack">
      <thead>
        <tr>
          <th scope="col">Filled</th>
          <th scope="col">Medication</th>
          <th scope="col">Quantity</th>
          <th scope="col">Days</th>
          <th scope="col">Prescriber</th>
          <th scope="col">Pharmacy</th>
          <th scope="col">Recorded by</th>
        </tr>
      </thead>
      <tbody>
        {medications.map((m) => (
          <tr key={m.eventId}>
            <td data-label="Filled">{formatDate(`${m.date}T12:00:00Z`)}</td>
            <td data-label="Medication">{m.drug}</td>
            <td data-label="Quantity">{m.quantity ?? '—'}</td>
            <td data-label="Days">{m.daysSupply}</td>
            <td data-label="Prescriber">{m.prescriber ?? '—'}</td>
            <td data-label="Pharmacy">{m.pharmacy ?? '—'}</td>
            <td data-label="Recorded by">{m.sourceOrganizationName}</td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

/**
 * The person page's prescribing-safety panel: MME over time with the 50 and 90 MME/day lines, the
 * active alerts with their rule code, citation and explanation, and the actions — offer naloxone
 * (recorded as a naloxone care event), refer to treatment with medications for OUD, plan a taper.
 * When medication records are restricted nothing is computed, and the panel says so.
 */
export function SafetyPanel({ personId }: { personId: string }) {
  const client = useApi();
  const session = useSession();
  const [generation, setGeneration] = useState(0);
  const safety = useApiData(() => client.getPersonSafety(personId), [personId, generation]);
  const naloxone = useSubmission();
  const [notice, setNotice] = useState<string | null>(null);
  const [isPlanning, setPlanning] = useState(false);
  const isClinician = hasRole(session, 'clinician');

  const body = (() => {
    if (safety.error && !safety.data) return <Alert tone="error">{describeError(safety.error)}</Alert>;
    const data = safety.data;
    if (!data || data.personId !== personId)
      return (
        <p className="page-status" role="status">
          Loading prescribing safety…
        </p>
      );
    if (data.status === 'restricted') {
      return (
        <Alert tone="warning" title="Medication records are restricted">
          <p>
            Some of this person’s medication records are not shared with your organization, so the MME and the alerts are not computed: a
            total over part of the medications would be wrong.
          </p>
          <ul>
            {data.restricted.map((r) => (
              <li key={r.kind}>
                {restrictedText(r.kind, r.count)} — {r.message}
              </li>
            ))}
          </ul>
        </Alert>
      );
    }
    const hasOpioid = data.prescriptions.some((p) => p.kind === 'opioid');
    return (
      <>
        {data.status === 'partial' ? (
          <Alert tone="info" title="Some records are restricted">
            <p>Alerts that depend on them (exclusions, risk factors) may be missing:</p>
            <ul>
              {data.restricted.map((r) => (
                <li key={r.kind}>
                  {restrictedText(r.kind, r.count)} — {r.message}
                </li>
              ))}
            </ul>
          </Alert>
        ) : null}
        {data.redisclosureNotice ? (
          <Alert tone="warning" title="Protected by 42 CFR Part 2 — do not share further">
            <p className="notice-text">{data.redisclosureNotice}</p>
          </Alert>
        ) : null}
        <TotalLine safety={data} />
        {data.exclusions.length > 0 ? <p>The CDC guideline’s dose rules do not apply: {data.exclusions.join('; ')}.</p> : null}
        {data.timeline.some((p) => p.mmePerDay !== null) ? (
          <MmeChart points={data.timeline} />
        ) : (
          <p>
            No opioid pain medication in the last {data.timeline.length} days
            {data.medications.length === 0 ? ', and no dispensing on record in the last 12 months' : ''}.
          </p>
        )}
        <h3>Alerts</h3>
        <Alerts rules={data.rules} />
        <h3>Actions</h3>
        {notice ? <Alert tone="success">{notice}</Alert> : null}
        {naloxone.errors ? <Alert tone="error">{naloxone.errors.message}</Alert> : null}
        <p className="safety-naloxone-status">
          {data.lastNaloxoneKit
            ? `Last naloxone kit on record: ${formatDate(`${data.lastNaloxoneKit}T12:00:00Z`)}.`
            : 'No naloxone kit on record.'}
        </p>
        <div className="safety-actions">
          <Button
            variant="primary"
            isPending={naloxone.isPending}
            pendingLabel="Recording…"
            onClick={async () => {
              setNotice(null);
              const result = await naloxone.run(() => client.recordNaloxoneOffered(personId, { kits: 1 }));
              if (result.ok) {
                setNotice('Naloxone offered and a kit given: recorded on the timeline.');
                setGeneration((g) => g + 1);
              }
            }}
          >
            Naloxone offered and kit given
          </Button>
          <ButtonLink to={`/referrals/new?personId=${encodeURIComponent(personId)}`}>
            Refer to treatment with medications for OUD
          </ButtonLink>
          {isClinician && hasOpioid ? (
            <Button onClick={() => setPlanning(true)} aria-expanded={isPlanning}>
              Plan a taper
            </Button>
          ) : null}
        </div>
        {isPlanning ? <TaperPlanner suggestion={data.taperSuggestion} onClose={() => setPlanning(false)} /> : null}
        <Medications medications={data.medications} />
      </>
    );
  })();

  return (
    <section className="card safety-panel" aria-labelledby="safety-heading">
      <h2 id="safety-heading">Prescribing safety</h2>
      {body}
    </section>
  );
}
