import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/*
 * The portal's bundle budget (docs/portal.md). A person may open the portal on a slow phone with
 * little data: the JavaScript a phone downloads to show /portal is the app's entry (React, the router,
 * the shared API layer) plus the portal's own lazily loaded chunk, and nothing of the staff app's areas.
 */
/** The portal's own chunks (what /portal loads beyond the app's entry), gzip. */
export const PORTAL_OWN_BUDGET_BYTES = 25 * 1024;
/** Everything /portal loads before its first page shows (entry and portal chunks), gzip. */
export const PORTAL_FIRST_LOAD_BUDGET_BYTES = 170 * 1024;

const dist = fileURLToPath(new URL('../dist/', import.meta.url));

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}

export function readManifest(): Record<string, ManifestChunk> {
  return JSON.parse(fs.readFileSync(`${dist}.vite/manifest.json`, 'utf8')) as Record<string, ManifestChunk>;
}

/** A chunk and every chunk it imports statically (what the browser fetches with it). */
function staticGraph(manifest: Record<string, ManifestChunk>, key: string, seen = new Set<string>()): Set<string> {
  if (seen.has(key)) return seen;
  seen.add(key);
  for (const imported of manifest[key]?.imports ?? []) staticGraph(manifest, imported, seen);
  return seen;
}

const gzipBytes = (file: string) => gzipSync(fs.readFileSync(`${dist}${file}`), { level: 9 }).length;

export interface PortalBundle {
  /** Built file names (assets/…js) /portal may load. */
  files: Set<string>;
  entryBytes: number;
  portalOwnBytes: number;
  firstLoadBytes: number;
}

export function portalBundle(): PortalBundle {
  const manifest = readManifest();
  const entry = Object.keys(manifest).find((key) => manifest[key]!.isEntry);
  const portal = Object.keys(manifest).find((key) => manifest[key]!.src === 'src/features/portal/portal-routes.tsx');
  if (!entry || !portal) throw new Error('The build has no entry or no portal chunk.');
  const entryChunks = staticGraph(manifest, entry);
  const portalOwn = [...staticGraph(manifest, portal)].filter((key) => !entryChunks.has(key));
  const sum = (keys: Iterable<string>) => [...keys].reduce((total, key) => total + gzipBytes(manifest[key]!.file), 0);
  const entryBytes = sum(entryChunks);
  const portalOwnBytes = sum(portalOwn);
  return {
    files: new Set([...entryChunks, ...portalOwn].map((key) => manifest[key]!.file)),
    entryBytes,
    portalOwnBytes,
    firstLoadBytes: entryBytes + portalOwnBytes,
  };
}
