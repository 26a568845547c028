// Entry point of an ensemble thread: the server's TypeScript runs through tsx in threads too
// (docs/decisions/0001-runtime-and-contracts.md).
import { register } from 'tsx/esm/api';

register();
await import('./ensemble-worker.ts');
