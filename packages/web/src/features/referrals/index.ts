// The referrals feature's front door: what other features and the app shell may import from it (decision 0017).
// The person timeline shows a referral entry's detail.
export { ReferralEntryDetail } from './referral-timeline-entry.tsx';
