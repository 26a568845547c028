import { useState, type FormEvent } from 'react';
import { naloxoneRecipientCategories, naloxoneRecipientLabels, type NaloxoneRecipientCategory } from '@continuum/contracts';
import { describeError } from '../../api/api-error.ts';
import { useApiData } from '../../api/use-api-data.ts';
import { useSubmission } from '../../api/use-submission.ts';
import { FormErrorSummary } from '../../app/form-error-summary.tsx';
import { hasRole, useSession } from '../../app/session-provider.tsx';
import { Alert } from '../../ui/alert.tsx';
import { Button } from '../../ui/button.tsx';
import { CheckboxField, SelectField, TextField } from '../../ui/field.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { PageHeading } from '../../ui/page-heading.tsx';
import { EmptyRow, Table } from '../../ui/table.tsx';
import { useOverdoseApi } from './api-context.tsx';
import { localNow } from './record-overdose-page.tsx';
import { OverdoseNav } from './overdose-nav.tsx';

/** Naloxone kits handed out: a short form and the last 30 days. */
export function NaloxonePage() {
  const api = useOverdoseApi();
  const session = useSession();
  const list = useApiData(() => api.listNaloxone(30), []);
  const areas = useApiData(() => api.getMap(7), []);
  const { run, isPending, errors } = useSubmission();
  const [when, setWhen] = useState(() => localNow());
  const [areaId, setAreaId] = useState('');
  const [place, setPlace] = useState('');
  const [category, setCategory] = useState<NaloxoneRecipientCategory>('person_at_risk');
  const [kits, setKits] = useState('1');
  const [leaveBehind, setLeaveBehind] = useState(false);
  const [done, setDone] = useState(false);
  const mayRecord = hasRole(session, 'clinician', 'care_navigator', 'partner_staff');
  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setDone(false);
    const result = await run(() =>
      api.recordNaloxone({
        distributedAt: new Date(when).toISOString(),
        areaId,
        place,
        recipientCategory: category,
        kits: Number(kits) || 0,
        leaveBehind,
      }),
    );
    if (result.ok) {
      setDone(true);
      list.reload();
    }
  }
  const labels = { areaId: 'Area', kits: 'Kits', distributedAt: 'When', place: 'Where' };
  return (
    <>
      <PageHeading title="Naloxone distribution" eyebrow="Overdose response" />
      <OverdoseNav />
      {mayRecord ? (
        <form className="form" onSubmit={submit} noValidate aria-label="Record naloxone kits">
          <FormErrorSummary errors={errors} labels={labels} idPrefix="naloxone" />
          {done ? <Alert tone="success">Kits recorded.</Alert> : null}
          <TextField
            id="naloxone-distributedAt"
            label="When"
            type="datetime-local"
            value={when}
            onChange={(e) => setWhen(e.target.value)}
          />
          <SelectField
            id="naloxone-areaId"
            label="Area"
            value={areaId}
            onChange={(e) => setAreaId(e.target.value)}
            error={errors?.fields.areaId}
            options={[{ value: '', label: 'Choose the area' }, ...(areas.data?.areas ?? []).map((a) => ({ value: a.id, label: a.name }))]}
          />
          <TextField
            id="naloxone-place"
            label="Where"
            hint="A site or an event, not a home address"
            isOptional
            value={place}
            onChange={(e) => setPlace(e.target.value)}
          />
          <SelectField
            id="naloxone-category"
            label="Given to"
            value={category}
            onChange={(e) => setCategory(e.target.value as NaloxoneRecipientCategory)}
            options={naloxoneRecipientCategories.map((c) => ({ value: c, label: naloxoneRecipientLabels[c] }))}
          />
          <TextField
            id="naloxone-kits"
            label="Kits"
            type="number"
            min={1}
            value={kits}
            onChange={(e) => setKits(e.target.value)}
            error={errors?.fields.kits}
          />
          <CheckboxField
            id="naloxone-leaveBehind"
            label="Left behind by EMS at an overdose"
            checked={leaveBehind}
            onChange={(e) => setLeaveBehind(e.target.checked)}
          />
          <Button type="submit" variant="primary" isPending={isPending} pendingLabel="Saving…">
            Record kits
          </Button>
        </form>
      ) : null}
      {list.error ? <Alert tone="error">{describeError(list.error)}</Alert> : null}
      {list.data ? <p>{list.data.totalKits} kits in the last 30 days.</p> : null}
      <Table caption="Naloxone handed out, last 30 days">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Area</th>
            <th scope="col">Given to</th>
            <th scope="col">Kits</th>
          </tr>
        </thead>
        <tbody>
          {list.data && list.data.items.length === 0 ? <EmptyRow columns={4}>None recorded.</EmptyRow> : null}
          {list.data?.items.map((n) => (
            <tr key={n.id}>
              <td data-label="When">{formatDateTime(n.distributedAt)}</td>
              <td data-label="Area">{n.areaId}</td>
              <td data-label="Given to">
                {naloxoneRecipientLabels[n.recipientCategory]}
                {n.leaveBehind ? ' (EMS leave-behind)' : ''}
              </td>
              <td data-label="Kits">{n.kits}</td>
            </tr>
          ))}
        </tbody>
      </Table>
    </>
  );
}
