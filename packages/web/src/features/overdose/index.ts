// The overdose feature's front door: what other features and the app shell may import from it (decision 0017).
// An outreach task about an overdose shows the services near the event.
export { OverdoseNearbyServices } from './nearby-services.tsx';
