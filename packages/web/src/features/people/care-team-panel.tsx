import type { CareTeamMember, CareTeamRole, PersonDetail } from '@continuum/contracts';
import { careTeamRoleLabels, registryActionRoles } from '@continuum/contracts';
import { useState, type FormEvent } from 'react';
import { useApi } from '../../api/api-context.tsx';
import { describeError } from '../../api/api-error.ts';
import { useSubmission } from '../../api/use-submission.ts';
import { FormErrorSummary } from '../../app/form-error-summary.tsx';
import { activeMembership, hasRole, useSession } from '../../app/session-provider.tsx';
import { Alert } from '../../ui/alert.tsx';
import { Badge } from '../../ui/badge.tsx';
import { Button } from '../../ui/button.tsx';
import { ConfirmButton } from '../../ui/confirm-button.tsx';
import { SelectField, TextField } from '../../ui/field.tsx';
import { formatDate } from '../../ui/format.ts';
import { EmptyRow, Table } from '../../ui/table.tsx';
import { OrganizationPicker } from '../organizations/index.ts';
import { careTeamRoleOptions } from './people-format.ts';

const labels = { organizationId: 'Organization to link', role: 'Role in the person’s care', since: 'Since' };

/** Who is linked to the person's care: organizations and staff, their role, since when. */
export function CareTeamPanel({ person, onChanged }: { person: PersonDetail; onChanged: () => void }) {
  const client = useApi();
  const session = useSession();
  const mayChange = hasRole(session, ...registryActionRoles['person.care-team.change']);
  const own = activeMembership(session);
  // A privacy officer of the organization that added a pending link approves it (the server also refuses the one who added it).
  const mayApprove = (member: CareTeamMember) =>
    member.pending &&
    member.addedByOrganizationId !== null &&
    member.addedByOrganizationId === own?.organizationId &&
    hasRole(session, ...registryActionRoles['person.care-team.approve']);
  const hasActions = mayChange || person.careTeam.some(mayApprove);
  const [isAdding, setAdding] = useState(false);
  const [organizationId, setOrganizationId] = useState(own?.organizationId ?? '');
  const [role, setRole] = useState<CareTeamRole | ''>('');
  const [since, setSince] = useState('');
  const [notice, setNotice] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  const [endingId, setEndingId] = useState<string | null>(null);
  const [approvingId, setApprovingId] = useState<string | null>(null);
  const submission = useSubmission();
  const idPrefix = 'care-team';

  async function add(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!organizationId || !role) {
      submission.setErrors({
        message: 'Some fields need attention.',
        code: undefined,
        fields: { ...(organizationId ? {} : { organizationId: 'Choose an organization.' }), ...(role ? {} : { role: 'Choose the role.' }) },
      });
      return;
    }
    const result = await submission.run(() => client.addCareTeamMember(person.id, { organizationId, role, ...(since ? { since } : {}) }));
    if (result.ok) {
      setAdding(false);
      setRole('');
      setSince('');
      setNotice({
        tone: 'success',
        text: result.value.pending
          ? 'Added to the care team. The link gives no access until the person signs a consent naming the organization, a referral to it is accepted or your privacy officer approves it.'
          : 'Added to the care team.',
      });
      onChanged();
    }
  }

  async function end(memberId: string, name: string) {
    setEndingId(memberId);
    try {
      await client.endCareTeamMember(person.id, memberId);
      setNotice({ tone: 'success', text: `${name} is no longer on the care team.` });
      onChanged();
    } catch (caught) {
      setNotice({ tone: 'error', text: describeError(caught) });
    } finally {
      setEndingId(null);
    }
  }

  async function approve(memberId: string, name: string) {
    setApprovingId(memberId);
    try {
      await client.approveCareTeamMember(person.id, memberId);
      setNotice({ tone: 'success', text: `The link with ${name} is approved.` });
      onChanged();
    } catch (caught) {
      setNotice({ tone: 'error', text: describeError(caught) });
    } finally {
      setApprovingId(null);
    }
  }

  const suggestions = session.memberships.map((m) => ({ id: m.organizationId, name: m.organizationName }));

  return (
    <section aria-labelledby="care-team-heading">
      <div className="section-heading">
        <h2 id="care-team-heading">Care team</h2>
        {mayChange && !isAdding ? (
          <Button
            variant="primary"
            onClick={() => {
              setNotice(null);
              setAdding(true);
            }}
          >
            Add to care team
          </Button>
        ) : null}
      </div>
      {notice ? <Alert tone={notice.tone}>{notice.text}</Alert> : null}
      {isAdding ? (
        <form className="form card form-card" noValidate aria-label="Add to care team" onSubmit={(event) => void add(event)}>
          <FormErrorSummary errors={submission.errors} labels={labels} idPrefix={idPrefix} />
          <OrganizationPicker
            idPrefix={idPrefix}
            label={labels.organizationId}
            suggestions={suggestions}
            value={organizationId}
            error={submission.errors?.fields.organizationId}
            onChange={(organization) => setOrganizationId(organization?.id ?? '')}
          />
          <div className="form-row">
            <SelectField
              id={`${idPrefix}-role`}
              label={labels.role}
              value={role}
              error={submission.errors?.fields.role}
              options={[{ value: '', label: 'Choose a role' }, ...careTeamRoleOptions]}
              onChange={(event) => setRole(event.currentTarget.value as CareTeamRole | '')}
            />
            <TextField
              id={`${idPrefix}-since`}
              label={labels.since}
              type="date"
              isOptional
              hint="Today if left empty."
              value={since}
              error={submission.errors?.fields.since}
              onChange={(event) => setSince(event.currentTarget.value)}
            />
          </div>
          <div className="form-actions">
            <Button type="submit" variant="primary" isPending={submission.isPending} pendingLabel="Adding…">
              Add to care team
            </Button>
            <Button
              variant="quiet"
              onClick={() => {
                submission.clear();
                setAdding(false);
              }}
            >
              Cancel
            </Button>
          </div>
        </form>
      ) : null}
      <Table caption="Care team" isCaptionHidden>
        <thead>
          <tr>
            <th scope="col">Organization</th>
            <th scope="col">Staff</th>
            <th scope="col">Role</th>
            <th scope="col">Since</th>
            <th scope="col">Status</th>
            {hasActions ? (
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {person.careTeam.map((member) => (
            <tr key={member.id}>
              <th scope="row">{member.organizationName}</th>
              <td data-label="Staff">{member.userName ?? '—'}</td>
              <td data-label="Role">{careTeamRoleLabels[member.role]}</td>
              <td data-label="Since" className="nowrap">
                {formatDate(member.since)}
              </td>
              <td data-label="Status">
                {!member.active ? (
                  <Badge>Ended {formatDate(member.until)}</Badge>
                ) : member.pending ? (
                  <Badge tone="warning">Pending — no access until consent, referral or approval</Badge>
                ) : (
                  <Badge tone="positive">Active</Badge>
                )}
              </td>
              {hasActions ? (
                <td className="table-actions">
                  {member.active && mayApprove(member) ? (
                    <ConfirmButton
                      aria-label={`Approve care-team link with ${member.organizationName}`}
                      question={`Approve the link with ${member.organizationName}? It lets them see this person as a treating provider.`}
                      confirmLabel="Approve link"
                      isPending={approvingId === member.id}
                      onConfirm={() => void approve(member.id, member.organizationName)}
                    >
                      Approve
                    </ConfirmButton>
                  ) : null}
                  {member.active && mayChange ? (
                    <ConfirmButton
                      aria-label={`End care-team link with ${member.organizationName}`}
                      question={`End the link with ${member.organizationName}?`}
                      confirmLabel="End link"
                      isPending={endingId === member.id}
                      onConfirm={() => void end(member.id, member.organizationName)}
                    >
                      End
                    </ConfirmButton>
                  ) : null}
                </td>
              ) : null}
            </tr>
          ))}
          {person.careTeam.length === 0 ? (
            <EmptyRow columns={hasActions ? 6 : 5}>Nobody is linked to this person’s care yet.</EmptyRow>
          ) : null}
        </tbody>
      </Table>
    </section>
  );
}
