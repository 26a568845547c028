import { useState, type FormEvent } from 'react';
import type { ScorecardMeasureId } from '@continuum/contracts';
import { describeError } from '../../../api/api-error.ts';
import { useApiData } from '../../../api/use-api-data.ts';
import { Alert } from '../../../ui/alert.tsx';
import { Button } from '../../../ui/button.tsx';
import { SelectField, TextField } from '../../../ui/field.tsx';
import { Table } from '../../../ui/table.tsx';
import { useScorecardsApi } from './api-context.tsx';
import { targetText } from './scorecard-format.ts';

/** Network administrators set each measure's target (a rate as a percentage here, stored 0–1). */
export function TargetsPanel() {
  const api = useScorecardsApi();
  const targets = useApiData(() => api.listTargets(), []);
  const [measure, setMeasure] = useState<ScorecardMeasureId>('ack_on_time');
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const chosen = targets.data?.find((t) => t.measure === measure);
  const isRate = chosen?.kind === 'proportion';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setSaved(null);
    const number = value.trim() === '' ? null : Number(value);
    if (number !== null && (!Number.isFinite(number) || number < 0)) {
      setError('Give a number of 0 or more, or leave it empty to remove the target.');
      return;
    }
    try {
      const t = await api.setTarget(measure, number === null ? null : isRate ? number / 100 : number);
      setSaved(`${t.name}: ${targetText(t)}.`);
      targets.reload();
    } catch (err) {
      setError(describeError(err));
    }
  };

  return (
    <section className="scorecard-targets" aria-labelledby="targets-title">
      <h2 id="targets-title">Targets</h2>
      {targets.error ? <Alert tone="error">{describeError(targets.error)}</Alert> : null}
      <Table caption="The network's targets">
        <thead>
          <tr>
            <th scope="col">Measure</th>
            <th scope="col">Target</th>
            <th scope="col">Default</th>
          </tr>
        </thead>
        <tbody>
          {(targets.data ?? []).map((t) => (
            <tr key={t.measure}>
              <th scope="row">{t.name}</th>
              <td>{targetText(t)}</td>
              <td>{targetText({ ...t, target: t.defaultTarget })}</td>
            </tr>
          ))}
        </tbody>
      </Table>
      <form className="scorecard-target-form" onSubmit={submit} noValidate>
        <SelectField
          label="Measure"
          value={measure}
          onChange={(e) => setMeasure(e.target.value as ScorecardMeasureId)}
          options={(targets.data ?? []).map((t) => ({ value: t.measure, label: t.name }))}
        />
        <TextField
          label={`New target${isRate ? ' (%)' : chosen ? ` (${chosen.unit})` : ''}`}
          inputMode="decimal"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          hint="Leave empty to remove the target."
          error={error ?? undefined}
        />
        <Button type="submit">Save target</Button>
      </form>
      {saved ? <Alert tone="success">Saved. {saved}</Alert> : null}
    </section>
  );
}
