import { careEventTypeLabels, recordableCareEventTypes, type Role } from '@continuum/contracts';
import { useState } from 'react';
import { Alert } from '../../../ui/alert.tsx';
import { Button } from '../../../ui/button.tsx';
import { TouchpointForm } from './touchpoint-form.tsx';

/**
 * "Record a touchpoint" on the person page: screening, OUD diagnosis, MOUD start / dose change /
 * stop, urine drug test, release from custody, recovery milestone, appointment attended or missed —
 * the types the user's roles record (`pointOfCareRoles`). Hidden when they record none.
 */
export function TouchpointPanel({ personId, roles, onRecorded }: { personId: string; roles: readonly Role[]; onRecorded: () => void }) {
  const [isOpen, setOpen] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  if (recordableCareEventTypes(roles).length === 0) return null;
  return (
    <section aria-labelledby="touchpoint-heading">
      <div className="section-heading">
        <h2 id="touchpoint-heading">Record a touchpoint</h2>
        {!isOpen ? (
          <Button
            onClick={() => {
              setNotice(null);
              setOpen(true);
            }}
          >
            Record a touchpoint
          </Button>
        ) : null}
      </div>
      {notice ? <Alert tone="success">{notice}</Alert> : null}
      {isOpen ? (
        <TouchpointForm
          personId={personId}
          roles={roles}
          onCancel={() => setOpen(false)}
          onRecorded={(type) => {
            setOpen(false);
            setNotice(`${careEventTypeLabels[type].en} recorded on the timeline.`);
            onRecorded();
          }}
        />
      ) : null}
    </section>
  );
}
