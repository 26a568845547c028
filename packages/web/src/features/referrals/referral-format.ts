import {
  referralReasonLabels,
  referralStateLabels,
  referralTerminalStates,
  type ReferralListItem,
  type ReferralOverdueKind,
  type ReferralState,
  type SuggestionScoreParts,
  MINUTE_MS,
  HOUR_MS,
  DAY_MS,
} from '@continuum/contracts';
import type { BadgeTone } from '../../ui/badge.tsx';

function span(ms: number): string {
  if (ms < HOUR_MS) {
    const minutes = Math.max(1, Math.round(ms / MINUTE_MS));
    return `${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`;
  }
  if (ms < 2 * DAY_MS) {
    const hours = Math.round(ms / HOUR_MS);
    return `${hours} ${hours === 1 ? 'hour' : 'hours'}`;
  }
  const days = Math.round(ms / DAY_MS);
  return `${days} days`;
}

export interface DueLabel {
  text: string;
  overdue: boolean;
}

/** "Due in 5 hours", "Overdue by 2 days", or "No deadline" for closed and held referrals. */
export function dueLabel(deadline: string | null, now: Date): DueLabel {
  if (!deadline) return { text: 'No deadline', overdue: false };
  const diff = new Date(deadline).getTime() - now.getTime();
  if (Number.isNaN(diff)) return { text: 'No deadline', overdue: false };
  return diff < 0 ? { text: `Overdue by ${span(-diff)}`, overdue: true } : { text: `Due in ${span(diff)}`, overdue: false };
}

/**
 * The inbox order: referrals with a deadline first, the earliest (so the most overdue) at the top;
 * then those without one (closed or on hold), the most recently updated first.
 */
export function compareByDeadline(
  a: Pick<ReferralListItem, 'nextDeadlineAt' | 'updatedAt'>,
  b: Pick<ReferralListItem, 'nextDeadlineAt' | 'updatedAt'>,
): number {
  if (a.nextDeadlineAt && b.nextDeadlineAt) return new Date(a.nextDeadlineAt).getTime() - new Date(b.nextDeadlineAt).getTime();
  if (a.nextDeadlineAt) return -1;
  if (b.nextDeadlineAt) return 1;
  return new Date(b.updatedAt).getTime() - new Date(a.updatedAt).getTime();
}

export const overdueLabels: Record<ReferralOverdueKind, string> = {
  acknowledgment: 'Not acknowledged in time',
  first_contact: 'No first contact in time',
  appointment: 'Attendance not recorded',
};

export function statusTone(state: ReferralState): BadgeTone {
  if (state === 'completed') return 'positive';
  if (state === 'failed' || state === 'rejected' || state === 'cancelled') return 'negative';
  if (state === 'on_hold') return 'warning';
  return 'neutral';
}

export function statusLabel(state: string): string {
  return (referralStateLabels as Record<string, string>)[state] ?? state.replace(/_/g, ' ');
}

export function isClosed(state: ReferralState): boolean {
  return referralTerminalStates.includes(state);
}

/** A stored reason code in words; free-text reasons (hold, cancel) come back as written. */
export function reasonLabel(reason: string | null): string | null {
  if (!reason) return null;
  return (referralReasonLabels as Record<string, string>)[reason] ?? reason;
}

export const scorePartLabels: Record<keyof SuggestionScoreParts, string> = {
  pathwayFit: 'Pathway fit',
  capacity: 'Capacity',
  distance: 'Distance',
  eligibility: 'Eligibility',
  payment: 'Payment',
};

/** "Capacity 80%" style parts, in the order they are listed. */
export function scoreParts(parts: SuggestionScoreParts): { key: keyof SuggestionScoreParts; label: string; percent: number }[] {
  return (Object.keys(scorePartLabels) as (keyof SuggestionScoreParts)[]).map((key) => ({
    key,
    label: scorePartLabels[key],
    percent: Math.round(Math.max(0, Math.min(1, parts[key])) * 100),
  }));
}

/** "2.4 MB", "512 KB", "18 bytes". */
export function formatBytes(size: number): string {
  if (size >= 1024 * 1024) return `${(size / (1024 * 1024)).toFixed(1)} MB`;
  if (size >= 1024) return `${Math.round(size / 1024)} KB`;
  return `${size} ${size === 1 ? 'byte' : 'bytes'}`;
}

/** A `datetime-local` value ("2026-11-24T09:30") as an ISO time with the browser's offset, or null. */
export function localInputToIso(value: string): string | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

const ALLOWED_TYPES: readonly string[] = ['application/pdf', 'image/png', 'image/jpeg', 'text/plain'];
const ALLOWED_EXTENSIONS = /\.(pdf|png|jpe?g|txt)$/i;

/**
 * Checks a file before upload: at most `maxBytes`, and a PDF, PNG, JPEG or plain text by its
 * declared type or name. The server checks the content itself; this only spares a wasted upload.
 */
export function attachmentProblem(file: { name: string; size: number; type: string }, maxBytes: number): string | null {
  if (file.size === 0) return `${file.name} is empty.`;
  if (file.size > maxBytes) return `${file.name} is ${formatBytes(file.size)}; the limit is ${formatBytes(maxBytes)}.`;
  if (!ALLOWED_TYPES.includes(file.type) && !ALLOWED_EXTENSIONS.test(file.name))
    return `${file.name} is not a PDF, PNG, JPEG or plain-text file.`;
  return null;
}
