import { useState, type FormEvent } from 'react';
import { courseTopicLabels, courseTopics, type Course, type CourseTopic } from '@continuum/contracts';
import { useApi } from '../../api/api-context.tsx';
import { useApiData } from '../../api/use-api-data.ts';
import { useSubmission } from '../../api/use-submission.ts';
import { FormErrorSummary } from '../../app/form-error-summary.tsx';
import { hasRole, useSession } from '../../app/session-provider.tsx';
import { Alert } from '../../ui/alert.tsx';
import { Button } from '../../ui/button.tsx';
import { SelectField, TextField } from '../../ui/field.tsx';
import { useNetworkApi } from './api-context.tsx';
import { formatDay, todayIso } from './network-format.ts';

const completionLabels = {
  organizationId: 'Organization',
  userId: 'Staff member',
  courseId: 'Course',
  completedOn: 'Completed on',
  expiresOn: 'Expires on',
};

/** Record one completion: network administrators for anyone, an organization's administrators for their own staff. */
export function RecordCompletionForm({ courses, onRecorded }: { courses: Course[]; onRecorded: () => void }) {
  const api = useNetworkApi();
  const client = useApi();
  const session = useSession();
  const isNetworkAdmin = hasRole(session, 'network_admin');
  const organizations = useApiData(() => (isNetworkAdmin ? client.searchNetworkOrganizations('') : Promise.resolve([])), [isNetworkAdmin]);
  const [organizationId, setOrganizationId] = useState(isNetworkAdmin ? '' : (session.activeOrganizationId ?? ''));
  const staff = useApiData(() => (organizationId ? client.listMemberships(organizationId) : Promise.resolve([])), [organizationId]);
  const [userId, setUserId] = useState('');
  const [courseId, setCourseId] = useState('');
  const [completedOn, setCompletedOn] = useState(todayIso());
  const [expiresOn, setExpiresOn] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const { run, isPending, errors, setErrors } = useSubmission();

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setDone(null);
    const missing: Record<string, string> = {};
    if (!userId) missing.userId = 'Choose the staff member.';
    if (!courseId) missing.courseId = 'Choose the course.';
    if (Object.keys(missing).length > 0) {
      setErrors({ message: 'There is a problem', fields: missing, code: 'VALIDATION_FAILED' });
      return;
    }
    const result = await run(() => api.recordCompletion({ userId, courseId, completedOn, ...(expiresOn ? { expiresOn } : {}) }));
    if (result.ok) {
      setDone(
        `Recorded: ${result.value.userName}, ${result.value.courseTitle}, current until ${formatDay(result.value.expiresOn, 'it does not expire')}.`,
      );
      onRecorded();
    }
  }

  return (
    <form className="form network-panel" onSubmit={submit} noValidate aria-labelledby="record-heading">
      <h2 id="record-heading">Record a completion</h2>
      <FormErrorSummary errors={errors} labels={completionLabels} idPrefix="completion" />
      {done ? <Alert tone="success">{done}</Alert> : null}
      {isNetworkAdmin ? (
        <SelectField
          id="completion-organizationId"
          label="Organization"
          value={organizationId}
          onChange={(e) => {
            setOrganizationId(e.target.value);
            setUserId('');
          }}
          options={[
            { value: '', label: 'Choose the organization' },
            ...(organizations.data ?? []).map((o) => ({ value: o.id, label: o.name })),
          ]}
        />
      ) : null}
      <SelectField
        id="completion-userId"
        label="Staff member"
        value={userId}
        onChange={(e) => setUserId(e.target.value)}
        error={errors?.fields.userId}
        options={[
          { value: '', label: organizationId ? 'Choose the staff member' : 'Choose the organization first' },
          ...(staff.data ?? []).map((m) => ({ value: m.userId, label: `${m.userDisplayName} (${m.userEmail})` })),
        ]}
      />
      <SelectField
        id="completion-courseId"
        label="Course"
        value={courseId}
        onChange={(e) => setCourseId(e.target.value)}
        error={errors?.fields.courseId}
        options={[{ value: '', label: 'Choose the course' }, ...courses.map((c) => ({ value: c.id, label: c.title }))]}
      />
      <TextField
        id="completion-completedOn"
        label="Completed on"
        type="date"
        value={completedOn}
        onChange={(e) => setCompletedOn(e.target.value)}
        error={errors?.fields.completedOn}
      />
      <TextField
        id="completion-expiresOn"
        label="Expires on"
        hint="Empty: the completion day plus the course’s validity"
        isOptional
        type="date"
        value={expiresOn}
        onChange={(e) => setExpiresOn(e.target.value)}
        error={errors?.fields.expiresOn}
      />
      <Button type="submit" variant="primary" isPending={isPending} pendingLabel="Recording…">
        Record completion
      </Button>
    </form>
  );
}

/** Network administrators add a course (its topic, title and how many months a completion stays current). */
export function AddCourseForm({ onAdded }: { onAdded: () => void }) {
  const api = useNetworkApi();
  const [topic, setTopic] = useState<CourseTopic>('moud_prescribing');
  const [title, setTitle] = useState('');
  const [validMonths, setValidMonths] = useState('24');
  const { run, isPending, errors } = useSubmission();
  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const result = await run(() => api.createCourse({ topic, title, validMonths: validMonths === '' ? null : Number(validMonths) }));
    if (result.ok) {
      setTitle('');
      onAdded();
    }
  }
  return (
    <form className="form network-panel" onSubmit={submit} noValidate aria-labelledby="course-heading">
      <h2 id="course-heading">Add a course</h2>
      <FormErrorSummary
        errors={errors}
        labels={{ topic: 'Topic', title: 'Title', validMonths: 'Stays current for (months)' }}
        idPrefix="course"
      />
      <SelectField
        id="course-topic"
        label="Topic"
        value={topic}
        onChange={(e) => setTopic(e.target.value as CourseTopic)}
        options={courseTopics.map((t) => ({ value: t, label: courseTopicLabels[t] }))}
        error={errors?.fields.topic}
      />
      <TextField id="course-title" label="Title" value={title} onChange={(e) => setTitle(e.target.value)} error={errors?.fields.title} />
      <TextField
        id="course-validMonths"
        label="Stays current for (months)"
        hint="Empty: a completion does not expire"
        isOptional
        type="number"
        min={1}
        value={validMonths}
        onChange={(e) => setValidMonths(e.target.value)}
        error={errors?.fields.validMonths}
      />
      <Button type="submit" isPending={isPending} pendingLabel="Adding…">
        Add course
      </Button>
    </form>
  );
}
