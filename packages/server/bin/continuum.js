#!/usr/bin/env node
// The `continuum` command. The server runs its TypeScript through tsx (docs/decisions/0001-runtime-and-contracts.md).
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
