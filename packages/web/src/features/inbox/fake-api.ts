import type { Notification } from '@continuum/contracts';
import { ApiError } from '../../api/api-error.ts';
import type { DevMail, InboxApi } from './api.ts';

let sequence = 0;
const nextId = () => `00000000-0000-4000-a000-${String(++sequence).padStart(12, '0')}`;

/** The in-app inbox and the development mailbox in memory, each notification and mail for one account. */
export class FakeInbox implements InboxApi {
  /** Inbox notifications, each for one account. */
  notifications: (Notification & { userId: string })[] = [];
  /** The development mailbox; null answers 404 as a server with SMTP (or in production) does. */
  devMail: (DevMail & { userId: string })[] | null = [];

  /** `userId` is the signed-in account (it throws UNAUTHENTICATED when nobody is). */
  constructor(private readonly userId: () => string) {}

  /** Adds a notification to an account's inbox (newest first when listed). */
  addNotification(account: { id: string }, overrides: Partial<Notification> = {}): Notification {
    const notification: Notification = {
      id: nextId(),
      kind: 'system.message',
      title: 'A notification',
      body: null,
      link: null,
      organizationId: null,
      createdAt: new Date(Date.UTC(2026, 10, 1, 9, this.notifications.length)).toISOString(),
      readAt: null,
      ...overrides,
    };
    this.notifications.push({ ...notification, userId: account.id });
    return notification;
  }

  private inboxOf(): (Notification & { userId: string })[] {
    const userId = this.userId();
    return this.notifications.filter((n) => n.userId === userId);
  }

  listNotifications = async (unreadOnly?: boolean) => {
    const mine = this.inboxOf().sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    const strip = ({ userId: _userId, ...n }: Notification & { userId: string }): Notification => n;
    return { items: mine.filter((n) => !unreadOnly || n.readAt === null).map(strip), unread: mine.filter((n) => n.readAt === null).length };
  };

  markNotificationRead = async (id: string) => {
    const found = this.inboxOf().find((n) => n.id === id);
    if (!found) throw new ApiError('NOTIFICATION_NOT_FOUND', 'Not found.', { status: 404 });
    found.readAt ??= new Date(Date.UTC(2026, 10, 2)).toISOString();
  };

  markAllNotificationsRead = async () => {
    for (const n of this.inboxOf()) n.readAt ??= new Date(Date.UTC(2026, 10, 2)).toISOString();
  };

  listDevMail = async () => {
    if (this.devMail === null)
      throw new ApiError('NOT_FOUND', 'The development mailbox exists only without SMTP, outside production.', { status: 404 });
    const userId = this.userId();
    return this.devMail.filter((m) => m.userId === userId).map(({ userId: _userId, ...m }) => m);
  };
}
