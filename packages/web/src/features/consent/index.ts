// The consent feature's front door: what other features and the app shell may import from it (decision 0017).
// The person page shows the consents panel; the people routes mount the consent form and the accounting of
// disclosures under /people/:id.
export { ConsentNewPage } from './consent-new-page.tsx';
export { ConsentsPanel } from './consents-panel.tsx';
export { DisclosuresPage } from './disclosures-page.tsx';
