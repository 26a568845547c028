import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

// Vitest runs without globals here, so Testing Library cannot register its own cleanup.
afterEach(() => {
  cleanup();
});

// `findBy…`/`waitFor` wait up to 1 s by default; a busy 2-core runner renders slower than that.
// Waiting longer changes no result, only how long a failing test takes to say so.
configure({ asyncUtilTimeout: 5000 });

// jsdom draws nothing: a canvas has no context (as in a browser without WebGL), said quietly instead of
// jsdom's "not implemented" error on every map. Maps fall back to their table or list.
// Test files that run in Node (no DOM) have no canvas to quiet.
if (typeof HTMLCanvasElement !== 'undefined')
  HTMLCanvasElement.prototype.getContext = (() => null) as typeof HTMLCanvasElement.prototype.getContext;
