import { describe, expect, it } from 'vitest';
import { PORTAL_FIRST_LOAD_BUDGET_BYTES, PORTAL_OWN_BUDGET_BYTES, portalBundle, readManifest } from './portal-bundle.ts';

// Over the production build the journeys run against (global-setup.ts builds it when stale).
describe('portal bundle budget', () => {
  it('keeps the portal a lazily loaded chunk of its own, apart from the entry and the staff areas', () => {
    const manifest = readManifest();
    const entry = Object.values(manifest).find((chunk) => chunk.isEntry)!;
    const portal = Object.values(manifest).find((chunk) => chunk.src === 'src/features/portal/portal-routes.tsx')!;
    expect(portal).toBeDefined();
    expect(entry.dynamicImports).toContain('src/features/portal/portal-routes.tsx');
    expect(entry.imports ?? []).not.toContain('src/features/portal/portal-routes.tsx');
    // The portal pulls in no staff area: it imports only shared chunks, never another feature's routes.
    const staff = Object.entries(manifest)
      .filter(([, chunk]) => chunk.src?.startsWith('src/features/') && !chunk.src.startsWith('src/features/portal/'))
      .map(([key]) => key);
    expect((portal.imports ?? []).filter((key) => staff.includes(key))).toEqual([]);
  });

  it(`stays under ${PORTAL_OWN_BUDGET_BYTES / 1024} kB of its own and ${PORTAL_FIRST_LOAD_BUDGET_BYTES / 1024} kB to first page (gzip)`, () => {
    const bundle = portalBundle();
    console.info(
      `portal JS (gzip): own ${(bundle.portalOwnBytes / 1024).toFixed(1)} kB, entry ${(bundle.entryBytes / 1024).toFixed(1)} kB, first load ${(bundle.firstLoadBytes / 1024).toFixed(1)} kB`,
    );
    expect(bundle.portalOwnBytes).toBeLessThanOrEqual(PORTAL_OWN_BUDGET_BYTES);
    expect(bundle.firstLoadBytes).toBeLessThanOrEqual(PORTAL_FIRST_LOAD_BUDGET_BYTES);
  });
});
