import { z } from 'zod';

/*
 * In a browser, Zod validates without generating code. Zod 4 compiles object parsers with
 * `new Function` when it can, and probes whether it can, once, when the first object schema is
 * built; under the web app's Content-Security-Policy (no 'unsafe-eval') the probe is refused and
 * reported as a CSP violation in the console, though caught. The setting must come before any
 * schema is built, so this module is the first that index.ts loads (the bundler may put the app's
 * own first module after the contract schemas). The server keeps compiled parsers.
 */
if (typeof (globalThis as { document?: unknown }).document !== 'undefined') z.config({ jitless: true });
