import { useState } from 'react';
import { courseTopicLabels, roleLabels, type Completion } from '@continuum/contracts';
import { describeError } from '../../api/api-error.ts';
import { useApiData } from '../../api/use-api-data.ts';
import { hasRole, useSession } from '../../app/session-provider.tsx';
import { Alert } from '../../ui/alert.tsx';
import { Badge } from '../../ui/badge.tsx';
import { ButtonLink } from '../../ui/button.tsx';
import { SelectField } from '../../ui/field.tsx';
import { PageHeading } from '../../ui/page-heading.tsx';
import { EmptyRow, Table } from '../../ui/table.tsx';
import { useNetworkApi } from './api-context.tsx';
import { NetworkNav } from './network-nav.tsx';
import { expiringSoon, formatDay, shareText, todayIso } from './network-format.ts';
import { AddCourseForm, RecordCompletionForm } from './training-forms.tsx';
import { TrainingGatePanel } from './training-gate-panel.tsx';

/** Training and workforce: courses, who completed them, coverage by organization and role, what expires soon. */
export function TrainingPage() {
  const api = useNetworkApi();
  const session = useSession();
  const isNetworkAdmin = hasRole(session, 'network_admin');
  const mayRecord = isNetworkAdmin || hasRole(session, 'org_admin');
  const seesCoverage = mayRecord || hasRole(session, 'analyst', 'privacy_officer');
  const courses = useApiData(() => api.listCourses(), []);
  const completions = useApiData(() => api.listCompletions(), []);
  const [generation, setGeneration] = useState(0);
  const refresh = () => {
    completions.reload();
    setGeneration((g) => g + 1);
  };
  const expiring = expiringSoon(completions.data ?? [], todayIso());
  return (
    <>
      <PageHeading
        eyebrow="Network"
        title="Training"
        description={
          mayRecord
            ? 'Courses, who completed them and until when, and how much of each organization and role is currently trained.'
            : 'Your training and when it expires.'
        }
        actions={mayRecord ? <ButtonLink to="/network/training/import">Import from a learning-management CSV</ButtonLink> : null}
      />
      <NetworkNav />
      {courses.error ? <Alert tone="error">{describeError(courses.error)}</Alert> : null}
      {completions.error ? <Alert tone="error">{describeError(completions.error)}</Alert> : null}
      <CompletionsTable caption="Expiring within 30 days" items={expiring} empty="Nothing expires within 30 days." showPerson={mayRecord} />
      {seesCoverage ? <CoverageSection key={generation} /> : null}
      {mayRecord && courses.data ? <RecordCompletionForm courses={courses.data} onRecorded={refresh} /> : null}
      <CompletionsTable
        caption={mayRecord ? 'Completions' : 'Your completions'}
        items={completions.data ?? []}
        empty={completions.isLoading ? 'Loading…' : 'No completions recorded.'}
        showPerson={mayRecord}
      />
      <Table caption="Courses">
        <thead>
          <tr>
            <th scope="col">Course</th>
            <th scope="col">Topic</th>
            <th scope="col">Stays current for</th>
          </tr>
        </thead>
        <tbody>
          {courses.data && courses.data.length === 0 ? <EmptyRow columns={3}>No courses yet.</EmptyRow> : null}
          {courses.data?.map((c) => (
            <tr key={c.id}>
              <td data-label="Course">{c.title}</td>
              <td data-label="Topic">{courseTopicLabels[c.topic]}</td>
              <td data-label="Stays current for">{c.validMonths === null ? 'Does not expire' : `${c.validMonths} months`}</td>
            </tr>
          ))}
        </tbody>
      </Table>
      {isNetworkAdmin ? <AddCourseForm onAdded={courses.reload} /> : null}
      {isNetworkAdmin ? <TrainingGatePanel /> : null}
    </>
  );
}

function CompletionsTable({
  caption,
  items,
  empty,
  showPerson,
}: {
  caption: string;
  items: Completion[];
  empty: string;
  showPerson: boolean;
}) {
  const columns = showPerson ? 5 : 4;
  return (
    <Table caption={caption}>
      <thead>
        <tr>
          {showPerson ? <th scope="col">Staff member</th> : null}
          <th scope="col">Course</th>
          <th scope="col">Completed</th>
          <th scope="col">Expires</th>
          <th scope="col">Status</th>
        </tr>
      </thead>
      <tbody>
        {items.length === 0 ? <EmptyRow columns={columns}>{empty}</EmptyRow> : null}
        {items.map((c) => (
          <tr key={c.id}>
            {showPerson ? <td data-label="Staff member">{c.userName}</td> : null}
            <td data-label="Course">{c.courseTitle}</td>
            <td data-label="Completed">{formatDay(c.completedOn)}</td>
            <td data-label="Expires">{c.expiresOn ? formatDay(c.expiresOn) : 'Does not expire'}</td>
            <td data-label="Status">{c.current ? <Badge tone="positive">Current</Badge> : <Badge tone="negative">Expired</Badge>}</td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

/** Coverage by course, organization and role: how many staff hold a current completion, and the share. */
function CoverageSection() {
  const api = useNetworkApi();
  const { data, error } = useApiData(() => api.getCoverage(), []);
  const [courseId, setCourseId] = useState('');
  const courses = [...new Map((data?.items ?? []).map((i) => [i.courseId, i.courseTitle])).entries()];
  const rows = (data?.items ?? []).filter((i) => i.staff > 0 && (courseId === '' || i.courseId === courseId));
  return (
    <section aria-labelledby="coverage-heading">
      <h2 id="coverage-heading">Coverage by organization and role</h2>
      <p className="field-hint">
        Staff holding a current completion{data ? ` on ${formatDay(data.asOf)}` : ''}. A person with two roles counts in each.{' '}
        <a href={api.coverageCsvHref()} download>
          Download coverage (CSV)
        </a>
      </p>
      {error ? <Alert tone="error">{describeError(error)}</Alert> : null}
      <SelectField
        id="coverage-course"
        label="Course"
        value={courseId}
        onChange={(e) => setCourseId(e.target.value)}
        options={[{ value: '', label: 'Every course' }, ...courses.map(([id, title]) => ({ value: id, label: title }))]}
      />
      <Table caption="Training coverage">
        <thead>
          <tr>
            <th scope="col">Course</th>
            <th scope="col">Organization</th>
            <th scope="col">Role</th>
            <th scope="col">Staff</th>
            <th scope="col">Currently trained</th>
            <th scope="col">Share</th>
          </tr>
        </thead>
        <tbody>
          {data && rows.length === 0 ? <EmptyRow columns={6}>No staff in scope.</EmptyRow> : null}
          {rows.map((r) => (
            <tr key={`${r.courseId}|${r.organizationId}|${r.role}`}>
              <td data-label="Course">{r.courseTitle}</td>
              <td data-label="Organization">{r.organizationName}</td>
              <td data-label="Role">{roleLabels[r.role]}</td>
              <td data-label="Staff">{r.staff}</td>
              <td data-label="Currently trained">{r.current}</td>
              <td data-label="Share">{shareText(r.share)}</td>
            </tr>
          ))}
        </tbody>
      </Table>
    </section>
  );
}
