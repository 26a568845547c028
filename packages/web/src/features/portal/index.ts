// The person's portal is mounted by the app shell through a lazy import of portal-routes.tsx; nothing else uses it.
export {};
