import {
  worklistRoles,
  assignWorklistTaskSchema,
  checkPersonFirstLanguage,
  completeWorklistTaskSchema,
  createWorklistTaskSchema,
  logContactAttemptSchema,
  snoozeWorklistTaskSchema,
  worklistListQuerySchema,
  type PersonSummary,
  type Session,
  type WorklistChangeResult,
  type WorklistListQuery,
  type WorklistPage,
  type WorklistTask,
  type WorklistTaskDetail,
  addDays,
} from '@continuum/contracts';
import { ApiError } from '../../api/api-error.ts';
import { validateLikeServer } from '../../test-support/fake-validate.ts';

let sequence = 0;
const nextId = () => `00000000-0000-4000-9000-${String(++sequence).padStart(12, '0')}`;

/**
 * The worklist as the server keeps it, in memory: tasks of organizations, filtered and sorted like
 * `GET /api/worklist/tasks`, with the same validation and closed-task rule on changes.
 */
export class FakeWorklist {
  tasks: WorklistTaskDetail[] = [];
  /** People a task can be made for by hand (the registry's people the caller may see). */
  people = new Map<string, PersonSummary>();
  /** The server's clock (tests set it to make tasks overdue). */
  now: () => Date = () => new Date();

  constructor(private readonly session: () => Session) {}

  /** Adds a task (a made-up person, due in a day) for an organization. */
  addTask(organizationId: string, overrides: Partial<WorklistTaskDetail> = {}): WorklistTaskDetail {
    const at = this.now().toISOString();
    const task: WorklistTaskDetail = {
      id: nextId(),
      kind: 'post_overdose',
      status: 'open',
      dueAt: addDays(this.now(), 1).toISOString(),
      overdue: false,
      restricted: false,
      person: {
        id: nextId(),
        givenName: 'Avery',
        familyName: 'Rivers',
        birthDate: '1990-04-02',
        sex: 'female',
        town: 'Port Harbor',
        postalCode: '97101',
      },
      reason: 'Overdose reported in the last 72 hours: offer naloxone, check in, and offer treatment.',
      organizationId,
      assignee: null,
      snoozedUntil: null,
      snoozeReason: null,
      outcome: null,
      createdAt: at,
      completedAt: null,
      outcomeNote: null,
      contact: { phone: '555-0100', email: null, language: 'English', address: '12 Harbor Way, Port Harbor 97101' },
      signal: { organizationId, organizationName: 'Harbor EMS', occurredAt: at, source: { type: 'care_event', id: null } },
      attempts: [],
      assignableUsers: [],
      redisclosureNotice: null,
      ...overrides,
    };
    this.tasks.push(task);
    return task;
  }

  private caller() {
    const s = this.session();
    if (!s.activeOrganizationId) throw new ApiError('ORGANIZATION_NOT_SELECTED', 'Choose an organization first.', { status: 403 });
    if (!s.roles.some((r) => worklistRoles.includes(r)))
      throw new ApiError('FORBIDDEN', 'You do not have permission to do this.', { status: 403 });
    return { organizationId: s.activeOrganizationId, userId: s.user.id };
  }

  private view(task: WorklistTaskDetail): WorklistTaskDetail {
    const now = this.now().getTime();
    const status = task.status === 'snoozed' && task.snoozedUntil && new Date(task.snoozedUntil).getTime() <= now ? 'open' : task.status;
    return { ...task, status, overdue: status !== 'done' && new Date(task.dueAt).getTime() < now };
  }

  private summary(task: WorklistTaskDetail): WorklistTask {
    const {
      outcomeNote: _n,
      contact: _c,
      signal: _s,
      attempts: _a,
      assignableUsers: _u,
      redisclosureNotice: _r,
      ...item
    } = this.view(task);
    return item;
  }

  list(query: WorklistListQuery = {}): WorklistPage {
    const { organizationId, userId } = this.caller();
    const q = validateLikeServer(worklistListQuerySchema, query, 'querystring');
    const now = this.now().getTime();
    const rows = this.tasks
      .map((t) => this.view(t))
      .filter((t) => t.organizationId === organizationId)
      .filter((t) => q.scope === 'team' || t.assignee?.id === userId)
      .filter((t) => (q.status === 'active' ? t.status !== 'done' : t.status === q.status))
      .filter((t) => !q.kind || t.kind === q.kind)
      .filter((t) => !q.personId || t.person?.id === q.personId)
      .filter((t) => q.overdue === undefined || new Date(t.dueAt).getTime() < now === q.overdue)
      .sort((a, b) => (q.status === 'done' ? (b.completedAt ?? '').localeCompare(a.completedAt ?? '') : a.dueAt.localeCompare(b.dueAt)));
    const page = rows.slice(q.offset, q.offset + q.limit);
    return { items: page.map((t) => this.summary(t)), hasMore: rows.length > q.offset + q.limit };
  }

  get(id: string): WorklistTaskDetail {
    const { organizationId } = this.caller();
    const task = this.tasks.find((t) => t.id === id && t.organizationId === organizationId);
    if (!task) throw new ApiError('WORKLIST_TASK_NOT_FOUND', 'No such outreach task in your organization.', { status: 404 });
    return this.view(task);
  }

  create(body: unknown): WorklistChangeResult {
    const { organizationId, userId } = this.caller();
    const input = validateLikeServer(createWorklistTaskSchema, body);
    const person = this.people.get(input.personId);
    if (!person) throw new ApiError('PERSON_NOT_FOUND', 'No such person, or you may not see them.', { status: 404 });
    const s = this.session();
    const task = this.addTask(organizationId, {
      kind: 'manual',
      person,
      dueAt: new Date(input.dueAt).toISOString(),
      reason: input.reason,
      assignee: input.assigneeUserId === undefined || input.assigneeUserId === userId ? { id: userId, name: s.user.displayName } : null,
    });
    return { task: this.summary(task), languageFlags: checkPersonFirstLanguage(input.reason) };
  }

  private change(id: string, note: string | undefined, apply: (task: WorklistTaskDetail) => void): WorklistChangeResult {
    const task = this.tasks.find((t) => t.id === this.get(id).id)!;
    if (task.status === 'done') throw new ApiError('WORKLIST_TASK_CLOSED', 'This task is already done.', { status: 409 });
    apply(task);
    return { task: this.summary(task), languageFlags: note ? checkPersonFirstLanguage(note) : [] };
  }

  assign(id: string, body: unknown): WorklistChangeResult {
    const input = validateLikeServer(assignWorklistTaskSchema, body);
    return this.change(id, undefined, (task) => {
      const user = task.assignableUsers.find((u) => u.id === input.userId);
      if (input.userId !== null && !user) {
        throw new ApiError('VALIDATION_FAILED', 'Assign the task to a care navigator of your organization.', {
          status: 400,
          fields: [{ path: 'body.userId', message: 'Not a care navigator of this organization' }],
        });
      }
      task.assignee = user ?? null;
    });
  }

  snooze(id: string, body: unknown): WorklistChangeResult {
    const input = validateLikeServer(snoozeWorklistTaskSchema, body);
    if (new Date(input.until).getTime() <= this.now().getTime()) {
      throw new ApiError('VALIDATION_FAILED', 'A snooze ends in the future.', {
        status: 400,
        fields: [{ path: 'body.until', message: 'Choose a time in the next 30 days' }],
      });
    }
    return this.change(id, input.reason, (task) => {
      task.status = 'snoozed';
      task.snoozedUntil = new Date(input.until).toISOString();
      task.snoozeReason = input.reason;
    });
  }

  complete(id: string, body: unknown): WorklistChangeResult {
    const input = validateLikeServer(completeWorklistTaskSchema, body);
    return this.change(id, input.note, (task) => {
      task.status = 'done';
      task.outcome = input.outcome;
      task.outcomeNote = input.note || null;
      task.completedAt = this.now().toISOString();
    });
  }

  attempt(id: string, body: unknown): WorklistChangeResult {
    const input = validateLikeServer(logContactAttemptSchema, body);
    const s = this.session();
    return this.change(id, input.note, (task) => {
      task.attempts = [
        {
          id: nextId(),
          method: input.method,
          result: input.result,
          note: input.note || null,
          attemptedAt: input.attemptedAt ?? this.now().toISOString(),
          user: { id: s.user.id, name: s.user.displayName },
        },
        ...task.attempts,
      ];
    });
  }
}
