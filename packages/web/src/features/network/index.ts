// The network feature's front door: what other features and the app shell may import from it (decision 0017).
// The app mounts the routes (lazily, by import()), which provide the feature's own client (api-context.tsx over api.ts).
// Nothing else is shared yet.
export {};
