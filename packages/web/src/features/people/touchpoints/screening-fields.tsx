import {
  scoreScreening,
  taps1Items,
  taps2ItemCounts,
  taps2Substances,
  tapsFrequencies,
  type ScreeningAnswers,
  type Taps1Answers,
  type Taps2Substance,
} from '@continuum/contracts';
import { SelectField, TextField } from '../../../ui/field.tsx';
import {
  dast10Items,
  dast10ZoneLabels,
  singleQuestion,
  taps1ItemLabels,
  taps2Questions,
  taps2RiskLabels,
  taps2SubstanceLabels,
  tapsFrequencyLabels,
} from './touchpoint-labels.ts';

export const scoredInstruments = ['DAST-10', 'TAPS', 'single-question'] as const;
export type ScoredInstrument = (typeof scoredInstruments)[number];
export const instrumentLabels: Record<ScoredInstrument, string> = {
  'DAST-10': 'DAST-10 (Drug Abuse Screening Test, 10 items)',
  TAPS: 'TAPS Tool (tobacco, alcohol, prescription medication and other substances)',
  'single-question': 'Single-question drug screen',
};

export interface ScreeningState {
  instrument: ScoredInstrument;
  dast10: (boolean | null)[];
  taps1: Partial<Taps1Answers>;
  /** TAPS-2 answers per class, all questions (false when not ticked). */
  taps2: Record<Taps2Substance, boolean[]>;
  timesPastYear: string;
}

export const initialScreening = (): ScreeningState => ({
  instrument: 'DAST-10',
  dast10: Array<boolean | null>(10).fill(null),
  taps1: {},
  taps2: Object.fromEntries(taps2Substances.map((s) => [s, Array<boolean>(taps2ItemCounts[s]).fill(false)])) as Record<
    Taps2Substance,
    boolean[]
  >,
  timesPastYear: '',
});

/** The answers as the contract takes them, or a message naming what is missing. */
export function screeningAnswers(state: ScreeningState): { answers: ScreeningAnswers } | { missing: string } {
  if (state.instrument === 'DAST-10') {
    if (state.dast10.some((a) => a === null)) return { missing: 'Answer all ten questions' };
    return { answers: { dast10: state.dast10 as boolean[] } };
  }
  if (state.instrument === 'TAPS') {
    if (taps1Items.some((item) => state.taps1[item] === undefined)) return { missing: 'Answer all four questions' };
    const taps1 = state.taps1 as Taps1Answers;
    const positive = scoreScreening({ taps1 }).result === 'positive';
    if (!positive) return { answers: { taps1 } };
    // Part 2: each class's answers; a class not used in the past 3 months is recorded as its use question alone.
    const taps2 = Object.fromEntries(taps2Substances.map((s) => [s, state.taps2[s][0] ? state.taps2[s] : [false]]));
    return { answers: { taps1, taps2 } };
  }
  const times = state.timesPastYear.trim();
  if (!/^\d+$/.test(times)) return { missing: 'Give the number of times (0 or more)' };
  return { answers: { timesPastYear: Number(times) } };
}

/** The live score line under the items. */
export function ScoreSummary({ state }: { state: ScreeningState }) {
  const built = screeningAnswers(state);
  if ('missing' in built) return <p className="muted" aria-live="polite">{`Score: not complete — ${built.missing.toLowerCase()}.`}</p>;
  const scored = scoreScreening(built.answers);
  const result = scored.result === 'positive' ? 'Positive screen' : 'Negative screen';
  let detail = '';
  if (state.instrument === 'DAST-10')
    detail = `Score ${scored.score} of 10 — ${dast10ZoneLabels[scored.level as keyof typeof dast10ZoneLabels]}`;
  else if (state.instrument === 'TAPS' && scored.substances) {
    detail = Object.entries(scored.substances)
      .filter(([, s]) => s.score > 0)
      .map(([name, s]) => `${taps2SubstanceLabels[name as Taps2Substance]}: ${s.score} (${taps2RiskLabels[s.risk]})`)
      .join('; ');
  } else if (state.instrument === 'single-question') detail = `${scored.score} time${scored.score === 1 ? '' : 's'} in the past year`;
  return (
    <p className="touchpoint-score" aria-live="polite" data-testid="screening-score">
      <strong>{result}</strong>
      {detail ? ` · ${detail}` : ''}
    </p>
  );
}

interface Props {
  state: ScreeningState;
  onChange: (state: ScreeningState) => void;
  error?: string | undefined;
}

export function ScreeningFields({ state, onChange, error }: Props) {
  const set = (patch: Partial<ScreeningState>) => onChange({ ...state, ...patch });
  const tapsPositive = taps1Items.some((item) => state.taps1[item] !== undefined && state.taps1[item] !== 'never');
  return (
    <>
      <SelectField
        id="touchpoint-instrument"
        label="Instrument"
        value={state.instrument}
        options={Object.entries(instrumentLabels).map(([value, label]) => ({ value, label }))}
        onChange={(event) => set({ instrument: event.currentTarget.value as ScoredInstrument })}
      />
      <fieldset className="touchpoint-items" id="touchpoint-answers">
        <legend>
          {state.instrument === 'DAST-10'
            ? 'In the past 12 months'
            : state.instrument === 'TAPS'
              ? 'In the past 12 months, how often have you'
              : 'Question'}
        </legend>
        {error ? (
          <p className="field-error" id="touchpoint-answers-error">
            <span className="visually-hidden">Error: </span>
            {error}
          </p>
        ) : null}
        {state.instrument === 'DAST-10'
          ? dast10Items.map((item, i) => (
              <div key={item.en} className="touchpoint-item" role="radiogroup" aria-label={`${i + 1}. ${item.en}`}>
                <p>
                  {i + 1}. {item.en}{' '}
                  <span lang="es" className="muted">
                    {item.es}
                  </span>
                </p>
                {[true, false].map((yes) => (
                  <label key={String(yes)} className="checkbox-row">
                    <input
                      type="radio"
                      name={`dast10-${i}`}
                      checked={state.dast10[i] === yes}
                      onChange={() => set({ dast10: state.dast10.map((a, k) => (k === i ? yes : a)) })}
                    />
                    {yes ? 'Yes' : 'No'}
                  </label>
                ))}
              </div>
            ))
          : null}
        {state.instrument === 'TAPS'
          ? taps1Items.map((item) => (
              <SelectField
                key={item}
                id={`taps1-${item}`}
                label={taps1ItemLabels[item].en}
                hint={<span lang="es">{taps1ItemLabels[item].es}</span>}
                value={state.taps1[item] ?? ''}
                options={[
                  { value: '', label: 'Choose…' },
                  ...tapsFrequencies.map((value) => ({ value, label: tapsFrequencyLabels[value] })),
                ]}
                onChange={(event) => {
                  const value = event.currentTarget.value;
                  const taps1 = { ...state.taps1 };
                  if (value === '') delete taps1[item];
                  else taps1[item] = value as Taps1Answers[typeof item];
                  set({ taps1 });
                }}
              />
            ))
          : null}
        {state.instrument === 'TAPS' && tapsPositive ? (
          <div className="touchpoint-taps2">
            <p className="field-label">Part 2 — in the past 3 months (tick each "yes")</p>
            {taps2Substances.map((substance) => (
              <fieldset key={substance} className="touchpoint-substance">
                <legend>{taps2SubstanceLabels[substance]}</legend>
                {taps2Questions(substance).map((question, i) => (
                  <label key={question} className="checkbox-row">
                    <input
                      type="checkbox"
                      className="checkbox"
                      disabled={i > 0 && !state.taps2[substance][0]}
                      checked={state.taps2[substance][i] ?? false}
                      onChange={(event) => {
                        const checked = event.currentTarget.checked;
                        const items = state.taps2[substance].map((v, k) => (k === i ? checked : i === 0 && !checked ? false : v));
                        set({ taps2: { ...state.taps2, [substance]: items } });
                      }}
                    />
                    {question}
                  </label>
                ))}
              </fieldset>
            ))}
          </div>
        ) : null}
        {state.instrument === 'single-question' ? (
          <TextField
            id="touchpoint-times"
            label={singleQuestion.en}
            hint={<span lang="es">{singleQuestion.es}</span>}
            inputMode="numeric"
            value={state.timesPastYear}
            onChange={(event) => set({ timesPastYear: event.currentTarget.value })}
          />
        ) : null}
      </fieldset>
      <ScoreSummary state={state} />
    </>
  );
}
