// The organizations feature's front door: what other features may import from it (decision 0017). A shared
// feature below people, consent and referrals: the network organization search and its picker.
export type { NetworkOrganization } from './api.ts';
export { OrganizationPicker } from './organization-picker.tsx';
