import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

// Vitest runs without globals here, so Testing Library cannot register its own cleanup.
afterEach(() => {
  cleanup();
});

// `findBy…`/`waitFor` wait up to 1 s by default; a busy 2-core runner renders slower than that.
// Waiting longer changes no result, only how long a failing test takes to say so.
configure({ asyncUtilTimeout: 5000 });
