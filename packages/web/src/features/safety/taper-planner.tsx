import { taperIngredients, type PersonSafety, type TaperRequest } from '@continuum/contracts';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useApi } from '../../api/api-context.tsx';
import { useSubmission } from '../../api/use-submission.ts';
import { Button } from '../../ui/button.tsx';
import { ErrorSummary } from '../../ui/error-summary.tsx';
import { SelectField, TextField } from '../../ui/field.tsx';
import { formatDate } from '../../ui/format.ts';
import { Table } from '../../ui/table.tsx';
import type { TaperPlan } from './api.ts';

const intervalLabels = { month: 'Every 4 weeks', week: 'Every week' } as const;

/**
 * The taper planner: from the current regimen, a schedule reducing by a percentage per week or
 * month (default 10% a month for long-term therapy), in doses the tablet strengths make, with the
 * MME at each step (`POST /api/safety/taper`). A non-modal dialog: focus moves to its heading when it
 * opens, Escape closes it.
 */
export function TaperPlanner({ suggestion, onClose }: { suggestion: PersonSafety['taperSuggestion']; onClose: () => void }) {
  const client = useApi();
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const [ingredient, setIngredient] = useState<string>(suggestion?.ingredient ?? 'oxycodone');
  const [dailyMg, setDailyMg] = useState(suggestion ? String(suggestion.currentDailyMg) : '');
  const [dosesPerDay, setDosesPerDay] = useState(String(suggestion?.dosesPerDay ?? 2));
  const [percent, setPercent] = useState('10');
  const [step, setStep] = useState<'month' | 'week'>('month');
  const [plan, setPlan] = useState<TaperPlan | null>(null);
  const { run, isPending, errors } = useSubmission();

  useEffect(() => heading.current?.focus(), []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const body: TaperRequest = {
      ingredient: ingredient as TaperRequest['ingredient'],
      currentDailyMg: Number(dailyMg),
      dosesPerDay: Number(dosesPerDay),
      percent: Number(percent),
      interval: step,
    };
    const result = await run(() => client.planTaper(body));
    if (result.ok) setPlan(result.value);
  }

  return (
    <section
      className="card taper-planner"
      role="dialog"
      aria-labelledby={headingId}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onClose();
      }}
    >
      <div className="section-heading">
        <h3 id={headingId} ref={heading} tabIndex={-1}>
          Plan a taper
        </h3>
        <Button variant="quiet" onClick={onClose}>
          Close
        </Button>
      </div>
      <p className="field-hint">
        A gradual reduction, agreed with the person: CDC 2022 suggests about 10% a month for long-term therapy (faster, such as 10% a week,
        after shorter use). Never stop abruptly.
      </p>
      {errors ? (
        <ErrorSummary
          title={errors.message}
          items={Object.entries(errors.fields).map(([field, message]) => ({ message: `${field}: ${message}`, targetId: `taper-${field}` }))}
        />
      ) : null}
      <form onSubmit={submit} noValidate className="taper-form">
        <SelectField
          id="taper-ingredient"
          label="Opioid"
          value={ingredient}
          onChange={(e) => setIngredient(e.target.value)}
          options={taperIngredients.map((i) => ({ value: i, label: i }))}
          error={errors?.fields.ingredient}
        />
        <TextField
          id="taper-currentDailyMg"
          label="Current total dose (mg a day)"
          inputMode="decimal"
          value={dailyMg}
          onChange={(e) => setDailyMg(e.target.value)}
          error={errors?.fields.currentDailyMg}
        />
        <TextField
          id="taper-dosesPerDay"
          label="Doses a day"
          inputMode="numeric"
          value={dosesPerDay}
          onChange={(e) => setDosesPerDay(e.target.value)}
          error={errors?.fields.dosesPerDay}
        />
        <TextField
          id="taper-percent"
          label="Reduction per step (% of the starting dose)"
          inputMode="decimal"
          value={percent}
          onChange={(e) => setPercent(e.target.value)}
          error={errors?.fields.percent}
        />
        <SelectField
          id="taper-interval"
          label="Step"
          value={step}
          onChange={(e) => setStep(e.target.value as 'month' | 'week')}
          options={(['month', 'week'] as const).map((v) => ({ value: v, label: intervalLabels[v] }))}
        />
        <Button type="submit" variant="primary" isPending={isPending} pendingLabel="Planning…">
          Show the schedule
        </Button>
      </form>
      {plan ? (
        <Table
          caption={`Taper schedule: ${plan.ingredient}, ${plan.percent}% ${plan.interval === 'month' ? 'every 4 weeks' : 'every week'}`}
          narrowLayout="stack"
        >
          <thead>
            <tr>
              <th scope="col">Step</th>
              <th scope="col">From</th>
              <th scope="col">mg a day</th>
              <th scope="col">MME/day</th>
              <th scope="col">Of the starting dose</th>
              <th scope="col">Tablets a day</th>
            </tr>
          </thead>
          <tbody>
            {plan.steps.map((s) => (
              <tr key={s.step}>
                <td data-label="Step">{s.step}</td>
                <td data-label="From">{formatDate(`${s.startDate}T12:00:00Z`)}</td>
                <td data-label="mg a day">{s.dailyMg}</td>
                <td data-label="MME/day">{s.mmePerDay}</td>
                <td data-label="Of the starting dose">{s.percentOfOriginal}%</td>
                <td data-label="Tablets a day">
                  {s.tablets.length === 0 ? 'none' : s.tablets.map((t) => `${t.count} × ${t.strengthMg} mg`).join(', ')}
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      ) : null}
    </section>
  );
}
