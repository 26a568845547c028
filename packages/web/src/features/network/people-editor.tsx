import type { SelectOption } from '../../ui/field.tsx';
import { Button } from '../../ui/button.tsx';
import { SelectField, TextField } from '../../ui/field.tsx';

export interface PersonValue {
  name: string;
  title?: string | null | undefined;
  organizationId?: string | null | undefined;
  email?: string | null | undefined;
  signedOn?: string | null | undefined;
}

interface PeopleEditorProps {
  id: string;
  legend: string;
  hint?: string;
  people: readonly PersonValue[];
  organizations: readonly SelectOption[];
  /** Signatories: the day each signed. */
  withSignedOn?: boolean;
  error?: string | undefined;
  onChange: (people: PersonValue[]) => void;
}

/** Signatories or champions: a row per person (name, title, organization, email and, for signatories, the day signed). */
export function PeopleEditor({ id, legend, hint, people, organizations, withSignedOn = false, error, onChange }: PeopleEditorProps) {
  const singular = legend.replace(/s$/, '').toLowerCase();
  const update = (i: number, patch: Partial<PersonValue>) => onChange(people.map((p, j) => (j === i ? { ...p, ...patch } : p)));
  return (
    <fieldset id={id} tabIndex={-1} className={error ? 'field has-error' : 'field'}>
      <legend className="field-label">{legend}</legend>
      {hint ? <p className="field-hint">{hint}</p> : null}
      {error ? (
        <p className="field-error">
          <span className="visually-hidden">Error: </span>
          {error}
        </p>
      ) : null}
      <div className="network-rows">
        {people.map((p, i) => {
          const n = `${legend.replace(/s$/, '')} ${i + 1}`;
          return (
            <div className="network-row" key={i} role="group" aria-label={n}>
              <TextField id={`${id}-${i}-name`} label={`${n}: name`} value={p.name} onChange={(e) => update(i, { name: e.target.value })} />
              <TextField
                id={`${id}-${i}-title`}
                label={`${n}: title`}
                isOptional
                value={p.title ?? ''}
                onChange={(e) => update(i, { title: e.target.value || null })}
              />
              <SelectField
                id={`${id}-${i}-organization`}
                label={`${n}: organization`}
                value={p.organizationId ?? ''}
                options={organizations}
                onChange={(e) => update(i, { organizationId: e.target.value || null })}
              />
              <TextField
                id={`${id}-${i}-email`}
                label={`${n}: email`}
                isOptional
                type="email"
                value={p.email ?? ''}
                onChange={(e) => update(i, { email: e.target.value || null })}
              />
              {withSignedOn ? (
                <TextField
                  id={`${id}-${i}-signedOn`}
                  label={`${n}: signed on`}
                  isOptional
                  type="date"
                  value={p.signedOn ?? ''}
                  onChange={(e) => update(i, { signedOn: e.target.value || null })}
                />
              ) : null}
              <Button size="small" variant="quiet" onClick={() => onChange(people.filter((_, j) => j !== i))}>
                Remove {n.toLowerCase()}
              </Button>
            </div>
          );
        })}
      </div>
      <Button
        size="small"
        onClick={() => onChange([...people, { name: '', title: null, organizationId: null, email: null, signedOn: null }])}
      >
        Add a {singular}
      </Button>
    </fieldset>
  );
}
