// The directory feature's front door: what other features and the app shell may import from it (decision 0017).
// Nothing yet: no other feature uses this one. The app mounts its routes (lazily, by import()), composes its
// client (api.ts) into ApiClient and its fake (fake-api.ts) into FakeApiClient.
export {};
