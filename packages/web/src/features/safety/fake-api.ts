import {
  personSafetyRoles,
  prescriberReportRoles,
  safetyCheckRoles,
  naloxoneOfferedSchema,
  taperRequestSchema,
  type PersonSafety,
  type PrescriberReport,
  type Role,
  type Session,
} from '@continuum/contracts';
import { ApiError } from '../../api/api-error.ts';
import type { TaperPlan } from './api.ts';

/** An empty panel for a person (no medications on record). */
export function aPersonSafety(personId: string, overrides: Partial<PersonSafety> = {}): PersonSafety {
  return {
    personId,
    asOf: '2026-03-04',
    status: 'complete',
    restricted: [],
    hook: 'patient-view',
    mmePerDay: null,
    computableMmePerDay: 0,
    prescriptions: [],
    notComputable: [],
    timeline: [],
    rules: [],
    exclusions: [],
    medications: [],
    lastNaloxoneKit: null,
    taperSuggestion: null,
    redisclosureNotice: null,
    ...overrides,
  };
}

/**
 * Prescribing safety in memory: tests set the panel each person shows (`panels`), the taper plan
 * (`taperPlan`) and the report (`report`); calls are recorded and checked against the contracts and
 * the roles the server allows.
 */
export class FakeSafety {
  panels = new Map<string, PersonSafety>();
  naloxoneOffered: { personId: string; kits: number; note?: string | undefined }[] = [];
  taperRequests: unknown[] = [];
  taperPlan: TaperPlan | null = null;
  report: PrescriberReport | null = null;
  reportRequests: (number | undefined)[] = [];

  constructor(private readonly session: () => Session) {}

  private requireRole(roles: readonly Role[]) {
    if (!this.session().roles.some((r) => roles.includes(r))) throw new ApiError('FORBIDDEN', 'You may not do that.', { status: 403 });
  }

  getPersonSafety(personId: string): PersonSafety {
    this.requireRole(personSafetyRoles);
    return this.panels.get(personId) ?? aPersonSafety(personId);
  }

  recordNaloxoneOffered(personId: string, body: unknown): { id: string } {
    this.requireRole(personSafetyRoles);
    const parsed = naloxoneOfferedSchema.safeParse(body);
    if (!parsed.success)
      throw new ApiError('VALIDATION_FAILED', 'The request is not valid.', {
        status: 400,
        fields: parsed.error.issues.map((i) => ({ path: ['body', ...i.path.map(String)].join('.'), message: i.message })),
      });
    this.naloxoneOffered.push({ personId, ...parsed.data });
    const panel = this.panels.get(personId);
    if (panel)
      this.panels.set(personId, { ...panel, lastNaloxoneKit: panel.asOf, rules: panel.rules.filter((r) => r.code !== 'OFFER_NALOXONE') });
    return { id: `00000000-0000-4000-8000-${String(this.naloxoneOffered.length).padStart(12, '0')}` };
  }

  planTaper(body: unknown): TaperPlan {
    this.requireRole(safetyCheckRoles);
    const parsed = taperRequestSchema.safeParse(body);
    if (!parsed.success)
      throw new ApiError('VALIDATION_FAILED', 'The request is not valid.', {
        status: 400,
        fields: parsed.error.issues.map((i) => ({ path: ['body', ...i.path.map(String)].join('.'), message: i.message })),
      });
    this.taperRequests.push(parsed.data);
    if (!this.taperPlan)
      throw new ApiError('VALIDATION_FAILED', 'No plan for that regimen.', { status: 400, fields: [{ path: 'body', message: 'No plan' }] });
    return this.taperPlan;
  }

  getPrescriberReport(days?: number): PrescriberReport {
    this.requireRole(prescriberReportRoles);
    this.reportRequests.push(days);
    if (!this.report) throw new ApiError('INTERNAL', 'No report arranged.', { status: 500 });
    return this.report;
  }
}
