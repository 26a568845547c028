import {
  referralStateLabels,
  referralStates,
  referralUrgencies,
  referralUrgencyLabels,
  type ReferralDetail,
  type ReferralListItem,
  type ReferralListQuery,
  referralTerminalStates,
} from '@continuum/contracts';
import { Fragment, useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { describeError } from '../../api/api-error.ts';
import { useApiData } from '../../api/use-api-data.ts';
import { offsetFrom, withOffset } from '../../app/url-filters.ts';
import { Alert } from '../../ui/alert.tsx';
import { Badge } from '../../ui/badge.tsx';
import { Button } from '../../ui/button.tsx';
import { CheckboxField, SelectField } from '../../ui/field.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { Pagination } from '../../ui/pagination.tsx';
import { EmptyRow, Table } from '../../ui/table.tsx';
import { personName } from '../../ui/person-format.ts';
import { ReferralActions } from './referral-actions.tsx';
import { compareByDeadline, dueLabel, overdueLabels, statusTone } from './referral-format.ts';
import { useReferralsApi } from './api-context.tsx';

const PAGE = 25;
/** How often the lists refresh by themselves, so statuses stay live. */
export const LIST_REFRESH_MS = 30_000;

/** Refetches when the window regains focus and every LIST_REFRESH_MS while visible. */
export function useLiveReload(reload: () => void) {
  useEffect(() => {
    const onFocus = () => reload();
    const onVisible = () => {
      if (document.visibilityState === 'visible') reload();
    };
    window.addEventListener('focus', onFocus);
    document.addEventListener('visibilitychange', onVisible);
    const timer = window.setInterval(() => {
      if (document.visibilityState !== 'hidden') reload();
    }, LIST_REFRESH_MS);
    return () => {
      window.removeEventListener('focus', onFocus);
      document.removeEventListener('visibilitychange', onVisible);
      window.clearInterval(timer);
    };
  }, [reload]);
}

function InlineActions({ item, onChanged }: { item: ReferralListItem; onChanged: (message: string) => void }) {
  const api = useReferralsApi();
  const detail = useApiData(() => api.getReferral(item.id), [item.id, item.updatedAt]);
  if (detail.error) return <Alert tone="error">{describeError(detail.error)}</Alert>;
  if (!detail.data)
    return (
      <p className="page-status" role="status">
        Loading actions…
      </p>
    );
  return (
    <ReferralActions
      referral={detail.data}
      onChanged={(next: ReferralDetail) => onChanged(`Referral for ${personName(next.person)}: ${referralStateLabels[next.status]}.`)}
    />
  );
}

interface ReferralListProps {
  box: 'inbox' | 'sent';
}

/**
 * The receiver's inbox or the sender's list: filters in the URL, sorted by the deadline that
 * matters now (overdue first), refreshed on focus and every half minute. The inbox offers the
 * allowed actions of each referral in place.
 */
export function ReferralList({ box }: ReferralListProps) {
  const api = useReferralsApi();
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? 'open';
  const urgency = params.get('urgency') ?? '';
  const pathwayId = params.get('pathwayId') ?? '';
  const overdue = params.get('overdue') === 'true';
  const offset = offsetFrom(params);
  const [open, setOpen] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const personId = params.get('personId') ?? '';
  // The inbox is worked by deadline. A sender's list that includes closed referrals shows the latest
  // change first: that is where an outcome they are waiting for appears.
  const closedIncluded =
    box === 'sent' && (status === 'all' || status === 'closed' || referralTerminalStates.some((state) => state === status));
  const query: ReferralListQuery = {
    box,
    sort: closedIncluded ? 'updated' : 'deadline',
    limit: PAGE,
    offset,
    ...(status !== 'all' ? { status: status as ReferralListQuery['status'] } : {}),
    ...(urgency ? { urgency: urgency as ReferralListQuery['urgency'] } : {}),
    ...(pathwayId ? { pathwayId } : {}),
    ...(overdue ? { overdue: 'true' as const } : {}),
    ...(personId ? { personId } : {}),
  };
  const list = useApiData(() => api.listReferrals(query), [JSON.stringify(query)]);
  const pathways = useApiData(() => api.listPathways(), []);
  const { reload } = list;
  useLiveReload(reload);
  const now = new Date();
  const items = closedIncluded ? (list.data?.items ?? []) : [...(list.data?.items ?? [])].sort(compareByDeadline);

  function set(name: string, value: string) {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    next.delete('offset');
    setParams(next);
  }

  const columns = box === 'inbox' ? 6 : 5;
  return (
    <>
      <form className="filters referral-filters-bar" aria-label="Filter referrals" onSubmit={(event) => event.preventDefault()}>
        <SelectField
          id={`${box}-status`}
          label="Status"
          value={status}
          options={[
            { value: 'open', label: 'Open' },
            { value: 'closed', label: 'Closed' },
            { value: 'all', label: 'All' },
            ...referralStates.map((value) => ({ value, label: referralStateLabels[value] })),
          ]}
          onChange={(event) => set('status', event.currentTarget.value === 'open' ? '' : event.currentTarget.value)}
        />
        <SelectField
          id={`${box}-pathway`}
          label="Pathway"
          value={pathwayId}
          options={[{ value: '', label: 'Any pathway' }, ...(pathways.data ?? []).map((p) => ({ value: p.id, label: p.name }))]}
          onChange={(event) => set('pathwayId', event.currentTarget.value)}
        />
        <SelectField
          id={`${box}-urgency`}
          label="Urgency"
          value={urgency}
          options={[
            { value: '', label: 'Any urgency' },
            ...referralUrgencies.map((value) => ({ value, label: referralUrgencyLabels[value] })),
          ]}
          onChange={(event) => set('urgency', event.currentTarget.value)}
        />
        <CheckboxField
          id={`${box}-overdue`}
          label="Overdue only"
          checked={overdue}
          onChange={(event) => set('overdue', event.currentTarget.checked ? 'true' : '')}
        />
      </form>
      {notice ? <Alert tone="success">{notice}</Alert> : null}
      {list.error ? <Alert tone="error">{describeError(list.error)}</Alert> : null}
      {list.data && list.data.restricted.length > 0 ? (
        <Alert tone="info" title="Restricted — consent needed">
          {list.data.restricted
            .map((r) => `${r.count} ${r.count === 1 ? 'referral is' : 'referrals are'} not shown: no consent covers them now.`)
            .join(' ')}
        </Alert>
      ) : null}
      <Table
        caption={box === 'inbox' ? 'Referrals to your organization, by deadline' : 'Referrals your organization sent, by deadline'}
        isCaptionHidden
      >
        <thead>
          <tr>
            <th scope="col">Person</th>
            <th scope="col">Service</th>
            <th scope="col">{box === 'inbox' ? 'From' : 'To'}</th>
            <th scope="col">Status</th>
            <th scope="col">Deadline</th>
            {box === 'inbox' ? <th scope="col">Actions</th> : null}
          </tr>
        </thead>
        <tbody>
          {!list.data && list.isLoading ? <EmptyRow columns={columns}>Loading referrals…</EmptyRow> : null}
          {list.data && items.length === 0 ? <EmptyRow columns={columns}>No referrals match.</EmptyRow> : null}
          {items.map((item) => {
            const due = dueLabel(item.nextDeadlineAt, now);
            const isOverdue = item.overdue !== null || due.overdue;
            return (
              <Fragment key={item.id}>
                <tr className={isOverdue ? 'referral-row overdue' : 'referral-row'}>
                  <th scope="row" data-label="Person">
                    <Link to={`/referrals/${item.id}`}>{personName(item.person)}</Link>
                  </th>
                  <td data-label="Service">
                    {item.serviceName}
                    <br />
                    <span className="muted">{item.pathwayName}</span>
                  </td>
                  <td data-label={box === 'inbox' ? 'From' : 'To'}>
                    {box === 'inbox' ? item.senderOrganizationName : item.receiverOrganizationName}
                  </td>
                  <td data-label="Status">
                    <Badge tone={statusTone(item.status)}>{referralStateLabels[item.status]}</Badge>
                    {item.urgency !== 'routine' ? (
                      <>
                        {' '}
                        <Badge tone="warning">{referralUrgencyLabels[item.urgency]}</Badge>
                      </>
                    ) : null}
                    {item.appointmentAt ? (
                      <>
                        <br />
                        <span className="muted">Appointment {formatDateTime(item.appointmentAt)}</span>
                      </>
                    ) : null}
                  </td>
                  <td data-label="Deadline">
                    {isOverdue ? <Badge tone="negative">{item.overdue ? overdueLabels[item.overdue] : 'Overdue'}</Badge> : null}{' '}
                    <span>{due.text}</span>
                    {item.nextDeadlineAt ? (
                      <>
                        <br />
                        <time className="muted" dateTime={item.nextDeadlineAt}>
                          {formatDateTime(item.nextDeadlineAt)}
                        </time>
                      </>
                    ) : null}
                  </td>
                  {box === 'inbox' ? (
                    <td data-label="Actions">
                      <Button
                        size="small"
                        aria-expanded={open === item.id}
                        aria-label={`Actions for the referral of ${personName(item.person)}`}
                        onClick={() => setOpen(open === item.id ? null : item.id)}
                      >
                        {open === item.id ? 'Close' : 'Actions'}
                      </Button>
                    </td>
                  ) : null}
                </tr>
                {box === 'inbox' && open === item.id ? (
                  <tr className="referral-actions-row">
                    <td colSpan={columns}>
                      <InlineActions
                        item={item}
                        onChanged={(message) => {
                          setNotice(message);
                          setOpen(null);
                          reload();
                        }}
                      />
                    </td>
                  </tr>
                ) : null}
              </Fragment>
            );
          })}
        </tbody>
      </Table>
      {list.data ? (
        <Pagination
          offset={offset}
          limit={PAGE}
          total={list.data.total}
          label="Referrals"
          onChange={(next) => setParams(withOffset(params, next))}
        />
      ) : null}
      <p className="muted">
        Refreshes every half minute and when you come back to this window.{' '}
        <Button size="small" variant="quiet" onClick={reload}>
          Refresh now
        </Button>
      </p>
    </>
  );
}
