// The inbox feature's front door: what other features and the app shell may import from it (decision 0017).
// The app shell shows the inbox link with its unread count.
export { InboxLink } from './inbox-link.tsx';
