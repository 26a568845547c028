import { parseArgs } from 'node:util';
import { Random } from '../packages/server/src/demo/random.ts';
import { e2sfca, haversineMiles, LUO_QI_ZONES, straightLineLinks, type GeoPoint } from '../packages/server/src/modules/gaps/index.ts';
import type { BenchContext } from './lib/context.ts';
import { fixed, markdownTable } from './lib/stats.ts';
import { measureBoundaryServing } from './gaps/boundaries-serving.ts';

export const summary =
  'needs and gaps: E2SFCA accessibility (Luo & Qi zones, straight-line) for 5,000 areas × 10,000 services in a state-sized region, grid index vs brute force; serving 5,000 areas’ boundaries as GeoJSON';

const usage = `Usage: npm run bench -- gaps [--areas N] [--services N] [--repeat N] [--check N] [--serve-areas N] [--vertices N] [--requests N] [--json]

  --areas N     areas (default 5000)
  --services N  services (default 10000)
  --repeat N    timed repetitions; the median is reported (default 5)
  --check N     areas whose links are checked against a brute-force scan of every service (default 200)
  --serve-areas N  areas whose boundaries are served as GeoJSON over loopback (default 5000; 0 skips)
  --vertices N  points per boundary (default 80, like a simplified county or tract)
  --requests N  GeoJSON requests timed after the first (default 10)

The region is about 180 × 300 miles (a state like Pennsylvania); areas and services cluster around
60 towns (half of each), the rest spread evenly, so dense cities and empty rural stretches both occur.
Costs are straight-line miles with the default zones 0–10, 10–20, 20–30 (weights 1.00, 0.68, 0.22).`;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

export async function run(args: string[], { machine, log }: BenchContext): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        areas: { type: 'string' },
        services: { type: 'string' },
        repeat: { type: 'string' },
        check: { type: 'string' },
        'serve-areas': { type: 'string' },
        vertices: { type: 'string' },
        requests: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean' },
      },
    }));
  } catch (error) {
    log(`${error instanceof Error ? error.message : String(error)}\n\n${usage}`);
    return 2;
  }
  if (values.help) {
    log(usage);
    return 0;
  }
  const nAreas = Number(values.areas ?? 5000);
  const nServices = Number(values.services ?? 10000);
  const repeat = Number(values.repeat ?? 5);
  const check = Number(values.check ?? 200);
  const serveAreas = Number(values['serve-areas'] ?? 5000);
  const vertices = Number(values.vertices ?? 80);
  const requests = Number(values.requests ?? 10);
  if (![nAreas, nServices, repeat].every((n) => Number.isInteger(n) && n > 0) || !(Number.isInteger(check) && check >= 0)) {
    log(`--areas, --services and --repeat must be positive whole numbers, --check zero or more\n\n${usage}`);
    return 2;
  }

  const rng = Random.fromSeed(11, 'gaps');
  const south = 39.7;
  const west = -80.5;
  const towns = Array.from({ length: 60 }, () => ({ latitude: rng.float(south, south + 2.6), longitude: rng.float(west, west + 5.8) }));
  const place = (): GeoPoint => {
    if (rng.chance(0.5)) {
      const town = rng.pick(towns);
      return { latitude: town.latitude + rng.normal(0, 0.08), longitude: town.longitude + rng.normal(0, 0.1) };
    }
    return { latitude: rng.float(south, south + 2.6), longitude: rng.float(west, west + 5.8) };
  };
  const areas = Array.from({ length: nAreas }, place);
  const services = Array.from({ length: nServices }, place);
  const population = Float64Array.from(areas, () => rng.int(200, 20000));
  const capacity = Float64Array.from(services, () => rng.int(1, 120));

  const linkMs: number[] = [];
  const totalMs: number[] = [];
  let links = straightLineLinks(areas, services, 30);
  let result = e2sfca({ demand: population, supply: capacity, links, zones: LUO_QI_ZONES });
  for (let r = 0; r < repeat; r++) {
    const t0 = performance.now();
    links = straightLineLinks(areas, services, 30);
    const t1 = performance.now();
    result = e2sfca({ demand: population, supply: capacity, links, zones: LUO_QI_ZONES });
    const t2 = performance.now();
    linkMs.push(t1 - t0);
    totalMs.push(t2 - t0);
  }

  // Correctness: the grid finds exactly the pairs a scan of every service finds, for a sample of areas.
  const perArea = new Map<number, number>();
  for (let n = 0; n < links.length; n++) perArea.set(links.area[n]!, (perArea.get(links.area[n]!) ?? 0) + 1);
  let mismatched = 0;
  const sampled = Math.min(check, nAreas);
  const t3 = performance.now();
  for (let k = 0; k < sampled; k++) {
    const i = Math.floor((k * nAreas) / sampled);
    let within = 0;
    for (const s of services) if (haversineMiles(areas[i]!, s) <= 30) within++;
    if (within !== (perArea.get(i) ?? 0)) mismatched++;
  }
  const bruteMsPerArea = sampled > 0 ? (performance.now() - t3) / sampled : 0;

  // Supply is conserved: Σ P_i A_i equals the capacity of services with someone in reach.
  let reachedSupply = 0;
  for (let j = 0; j < nServices; j++) if (result.weightedDemand[j]! > 0) reachedSupply += capacity[j]!;
  let delivered = 0;
  for (let i = 0; i < nAreas; i++) delivered += population[i]! * result.accessibility[i]!;
  const conservationError = Math.abs(delivered - reachedSupply) / reachedSupply;
  const noAccess = result.servicesReached.filter((n) => n === 0).length;

  const rows = [
    [
      'links (grid index, great-circle ≤ 30 mi)',
      `${nAreas} × ${nServices}`,
      fixed(median(linkMs), 1),
      links.length.toLocaleString('en-US'),
    ],
    ['links + E2SFCA steps 1 and 2', `${nAreas} × ${nServices}`, fixed(median(totalMs), 1), links.length.toLocaleString('en-US')],
    ['brute force, every pair (estimated)', `${nAreas} × ${nServices}`, fixed(bruteMsPerArea * nAreas, 0), '—'],
  ];
  log(`Median of ${repeat} runs. ${noAccess} areas reach no service within 30 miles.`);
  log(markdownTable(['step', 'input', 'ms', 'links'], rows, [false, false, true, true]));
  log(`Grid vs brute force on ${sampled} areas: ${mismatched} differ. Supply conservation error: ${conservationError.toExponential(2)}.`);
  const serving =
    Number.isInteger(serveAreas) && serveAreas > 0
      ? await measureBoundaryServing({ areas: serveAreas, vertices: Math.max(4, vertices), requests: Math.max(1, requests) }, log)
      : null;
  if (values.json)
    process.stdout.write(
      `${JSON.stringify({ machine, areas: nAreas, services: nServices, links: links.length, linkMs: median(linkMs), totalMs: median(totalMs), bruteMsPerArea, mismatched, conservationError, serving })}\n`,
    );
  return mismatched === 0 && conservationError < 1e-9 ? 0 : 1;
}
