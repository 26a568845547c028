// The linkage feature's front door: what other features and the app shell may import from it (decision 0017).
// Nothing yet: no other feature uses this one. The app mounts its record linkage and person index review routes
// (lazily, by import()), which provide their own clients (api-context.tsx over api.ts, person-index-api-context.tsx
// over person-index-api.ts).
export {};
