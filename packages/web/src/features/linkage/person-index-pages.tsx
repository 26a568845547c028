import type { LinkItem } from '@continuum/contracts';
import { Link, Route, Routes } from 'react-router-dom';
import { describeError } from '../../api/api-error.ts';
import { useApiData } from '../../api/use-api-data.ts';
import { NotFoundPage } from '../../app/not-found-page.tsx';
import { Alert } from '../../ui/alert.tsx';
import { Badge } from '../../ui/badge.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { PageHeading } from '../../ui/page-heading.tsx';
import { EmptyRow, Table } from '../../ui/table.tsx';
import { PersonIndexApiProvider, usePersonIndexApi } from './person-index-api-context.tsx';
import { formatProbability, statusLabels } from './person-index-format.ts';
import { PairPage } from './person-index-pair.tsx';
import { PersonIndexTabs, sideText } from './person-index-tabs.tsx';

/**
 * "Person index review" at /person-index (privacy officers and network administrators;
 * docs/person-index.md, "The review queue"): the uncertain pairs, each pair side by side with its
 * waterfall and the decision, and the history of merges and their undoing.
 */
export function PersonIndexRoutes() {
  return (
    <PersonIndexApiProvider>
      <Routes>
        <Route index element={<QueuePage />} />
        <Route path="history" element={<HistoryPage />} />
        <Route path="pairs/:id" element={<PairPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </PersonIndexApiProvider>
  );
}

function QueuePage() {
  const api = usePersonIndexApi();
  const open = useApiData(() => api.listLinks({ status: 'open' }), []);
  return (
    <div className="stack">
      <PageHeading
        title="Person index review"
        description="Pairs of records the person index could not decide on. Each side shows only what you may see; a record you may not see shows where it is held, never who."
      />
      <PersonIndexTabs />
      <PairTable caption="Pairs to review, most likely first" result={open} empty="No pairs are waiting for review." />
    </div>
  );
}

function HistoryPage() {
  const api = usePersonIndexApi();
  const linked = useApiData(() => api.listLinks({ status: 'linked' }), []);
  const unlinked = useApiData(() => api.listLinks({ status: 'unlinked' }), []);
  const rejected = useApiData(() => api.listLinks({ status: 'rejected' }), []);
  return (
    <div className="stack">
      <PageHeading
        title="Merge history"
        description="Links in force (the two records are one person; open one to undo it), links that were undone, and pairs kept apart."
      />
      <PersonIndexTabs />
      <PairTable caption="Linked: one person" result={linked} empty="No links." />
      <PairTable caption="Links undone" result={unlinked} empty="No link has been undone." />
      <PairTable caption="Kept apart" result={rejected} empty="No pair has been rejected." />
    </div>
  );
}

interface PairTableProps {
  caption: string;
  result: { data: LinkItem[] | undefined; error: unknown; isLoading: boolean };
  empty: string;
}

function PairTable({ caption, result, empty }: PairTableProps) {
  const items = result.data ?? [];
  return (
    <>
      {result.error !== undefined && result.error !== null && <Alert tone="error">{describeError(result.error)}</Alert>}
      <Table caption={caption}>
        <thead>
          <tr>
            <th scope="col">Record 1</th>
            <th scope="col">Record 2</th>
            <th scope="col">Match probability</th>
            <th scope="col">Status</th>
            <th scope="col">Last decided</th>
          </tr>
        </thead>
        <tbody>
          {result.isLoading && items.length === 0 ? (
            <EmptyRow columns={5}>Loading…</EmptyRow>
          ) : items.length === 0 ? (
            <EmptyRow columns={5}>{empty}</EmptyRow>
          ) : (
            items.map((item) => (
              <tr key={item.id}>
                <td data-label="Record 1">
                  <Link to={`/person-index/pairs/${item.id}`}>{sideText(item.left)}</Link>
                </td>
                <td data-label="Record 2">{sideText(item.right)}</td>
                <td data-label="Match probability">
                  {formatProbability(item.probability)} {item.guarded && <Badge tone="warning">Guarded</Badge>}
                </td>
                <td data-label="Status">{statusLabels[item.status]}</td>
                <td data-label="Last decided">
                  {formatDateTime(item.decidedAt)} ({item.decidedBy === 'auto' ? 'automatically' : 'by a reviewer'})
                </td>
              </tr>
            ))
          )}
        </tbody>
      </Table>
    </>
  );
}
