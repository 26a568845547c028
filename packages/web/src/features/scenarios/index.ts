// The scenarios feature's front door: what other features and the app shell may import from it (decision 0017).
// The needs-and-gaps page links a what-if siting to a new run (siting-link.ts). The app mounts the routes (lazily,
// by import()), which provide the feature's own client (api-context.tsx over api.ts).
export { scenarioHrefFromSiting } from './siting-link.ts';
