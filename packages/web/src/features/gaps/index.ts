// The gaps feature's front door: what other features and the app shell may import from it (decision 0017).
// Nothing yet: no other feature uses this one. The app mounts its page (lazily, by import()), which provides its
// own client (api-context.tsx over api.ts).
export {};
