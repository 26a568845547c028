// Entry point of a parser thread for `continuum safety screen`: the server's TypeScript runs through
// tsx in threads too (docs/decisions/0001-runtime-and-contracts.md).
import { register } from 'tsx/esm/api';

register();
await import('./screening-worker.ts');
