import { devMailboxSchema, notificationListSchema, okSchema, type Notification } from '@continuum/contracts';
import { queryString, segment, type ApiRequest } from '../../api/request.ts';

export interface NotificationList {
  items: Notification[];
  unread: number;
}
export interface DevMail {
  id: string;
  to: string;
  subject: string;
  text: string;
  createdAt: string;
}

/** The in-app inbox and, outside production without SMTP, the development mailbox (`contracts/src/notifications.ts`). */
export interface InboxApi {
  /** My inbox, newest first, with the count of unread notifications. */
  listNotifications(unreadOnly?: boolean): Promise<NotificationList>;
  markNotificationRead(id: string): Promise<void>;
  markAllNotificationsRead(): Promise<void>;
  /** Email the server would have sent (no SMTP configured, outside production); 404 otherwise. */
  listDevMail(): Promise<DevMail[]>;
}

export function createInboxHttpApi(request: ApiRequest): InboxApi {
  return {
    listNotifications: (unreadOnly) =>
      request('GET', `/api/notifications${queryString({ unread: unreadOnly ? 'true' : undefined })}`, notificationListSchema),
    async markNotificationRead(id) {
      await request('POST', `/api/notifications/${segment(id)}/read`, okSchema);
    },
    async markAllNotificationsRead() {
      await request('POST', '/api/notifications/read-all', okSchema);
    },
    listDevMail: async () => (await request('GET', '/api/dev/mailbox', devMailboxSchema)).items,
  };
}
