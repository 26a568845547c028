import { screeningRuleCodes, type PrescriberReport } from '@continuum/contracts';
import { useState } from 'react';
import { useApi } from '../../api/api-context.tsx';
import { describeError } from '../../api/api-error.ts';
import { useApiData } from '../../api/use-api-data.ts';
import { Alert } from '../../ui/alert.tsx';
import { SelectField } from '../../ui/field.tsx';
import { formatDate } from '../../ui/format.ts';
import { PageHeading } from '../../ui/page-heading.tsx';
import { Table } from '../../ui/table.tsx';
import { cellText, reportCsv } from './report-csv.ts';
import './safety.css';

export const screeningRuleLabels: Record<(typeof screeningRuleCodes)[number], string> = {
  MME_AT_LEAST_50: '50–89 MME/day',
  MME_AT_LEAST_90: '90 MME/day or more',
  OPIOID_WITH_BENZODIAZEPINE: 'With a benzodiazepine',
  OFFER_NALOXONE: 'Naloxone not dispensed',
  MULTIPLE_PRESCRIBERS_AND_PHARMACIES: '5 prescribers and 5 pharmacies',
  MME_NOT_COMPUTABLE: 'MME not computable',
};

const scopeText: Record<PrescriberReport['scope'], string> = {
  network: 'Every prescriber in the network’s dispensing records.',
  organization: 'Your organization’s prescribers, beside the network.',
  self: 'Your own prescribing, beside the network.',
};

const windows = [
  { value: '90', label: 'Last 90 days' },
  { value: '180', label: 'Last 6 months' },
  { value: '365', label: 'Last 12 months' },
];

/**
 * Prescriber feedback at /prescribing-safety: the population screening over the network's own
 * dispensing records, per prescriber, with the network for comparison and a CSV download. Counts of
 * 1–10 people are shown as "fewer than 11" (except a prescriber's own row).
 */
export function PrescriberReportPage() {
  const client = useApi();
  const [days, setDays] = useState('365');
  const report = useApiData(() => client.getPrescriberReport(Number(days)), [days]);
  const data = report.data;
  return (
    <>
      <PageHeading
        title="Prescribing safety"
        description="Prescriber feedback: the share of people with opioids from each prescriber who were flagged by each screening rule (CDC 2022 guideline and the PDMP multiple-provider rule)."
      />
      <SelectField label="Period" value={days} onChange={(e) => setDays(e.target.value)} options={windows} />
      {report.error ? <Alert tone="error">{describeError(report.error)}</Alert> : null}
      {!data ? (
        <p className="page-status" role="status">
          Loading the report…
        </p>
      ) : (
        <>
          <p>
            {scopeText[data.scope]} Fills from {formatDate(`${data.from}T12:00:00Z`)} to {formatDate(`${data.to}T12:00:00Z`)}:{' '}
            {data.rowsRead} dispensings. Counts of fewer than {data.minCellSize} people are not shown. Records from Part 2 programs are not
            used. {report.isLoading ? <span role="status">Updating…</span> : null}
          </p>
          <p>
            <a
              className="button button-secondary"
              href={`data:text/csv;charset=utf-8,${encodeURIComponent(reportCsv(data))}`}
              download={`prescriber-report-${data.to}.csv`}
            >
              Download CSV
            </a>
          </p>
          <Table caption="People flagged by each rule, per prescriber" narrowLayout="scroll">
            <thead>
              <tr>
                <th scope="col">Prescriber</th>
                <th scope="col">People with opioids</th>
                {screeningRuleCodes.map((rule) => (
                  <th scope="col" key={rule}>
                    {screeningRuleLabels[rule]} <span className="safety-code">{rule}</span>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              <tr className="report-network-row">
                <th scope="row">Network</th>
                <td>{data.network.peopleWithOpioids ?? 'fewer than 11'}</td>
                {data.network.rules.map((c) => (
                  <td key={c.rule} className={c.suppressed ? 'report-rate-suppressed' : undefined}>
                    {cellText(c)}
                  </td>
                ))}
              </tr>
              {data.prescribers.map((p) => (
                <tr key={p.prescriberKey}>
                  <th scope="row">
                    {p.label}
                    {p.self ? ' (you)' : ''}
                  </th>
                  <td className={p.peopleSuppressed ? 'report-rate-suppressed' : undefined}>{p.people ?? 'fewer than 11'}</td>
                  {p.rules.map((c) => (
                    <td key={c.rule} className={c.suppressed ? 'report-rate-suppressed' : undefined}>
                      {cellText(c)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </Table>
          {data.prescribers.length === 0 ? (
            <p>
              {data.scope === 'self'
                ? 'No dispensings of opioids you prescribed are on record in this period.'
                : 'No prescribers in this period.'}
            </p>
          ) : null}
        </>
      )}
    </>
  );
}
