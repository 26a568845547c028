/** Accuracy against ground truth (for tests and the benchmark; the engine never sees the truth). */
export interface Accuracy {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
}

function accuracy(tp: number, predicted: number, truePairs: number): Accuracy {
  const fp = predicted - tp;
  const fn = truePairs - tp;
  const precision = predicted === 0 ? 1 : tp / predicted;
  const recall = truePairs === 0 ? 1 : tp / truePairs;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { tp, fp, fn, precision, recall, f1 };
}

function pairsWithin(groups: Map<string, number>): number {
  let s = 0;
  for (const g of groups.values()) s += (g * (g - 1)) / 2;
  return s;
}

/**
 * True pairs: records with the same entity. With `sources` given (link mode), only pairs across
 * different sources count.
 */
export function truePairCount(entity: readonly string[], sources?: ArrayLike<number>): number {
  if (!sources) {
    const groups = new Map<string, number>();
    for (const x of entity) groups.set(x, (groups.get(x) ?? 0) + 1);
    return pairsWithin(groups);
  }
  const all = new Map<string, number>();
  const within = new Map<string, number>();
  entity.forEach((x, i) => {
    all.set(x, (all.get(x) ?? 0) + 1);
    const k = `${sources[i]}\u0000${x}`;
    within.set(k, (within.get(k) ?? 0) + 1);
  });
  return pairsWithin(all) - pairsWithin(within);
}

/** Pairwise accuracy of scored pairs at a probability threshold. */
export function pairAccuracy(
  pairs: { left: ArrayLike<number>; right: ArrayLike<number>; probability: ArrayLike<number>; count: number },
  entity: readonly string[],
  threshold: number,
  sources?: ArrayLike<number>,
): Accuracy {
  let tp = 0;
  let predicted = 0;
  for (let k = 0; k < pairs.count; k++) {
    if (pairs.probability[k]! < threshold) continue;
    predicted++;
    if (entity[pairs.left[k]!] === entity[pairs.right[k]!]) tp++;
  }
  return accuracy(tp, predicted, truePairCount(entity, sources));
}

/** Pairwise accuracy of clusters: every two records in one cluster count as a predicted pair (in link mode, only across sources). */
export function clusterAccuracy(clusterOf: ArrayLike<number>, entity: readonly string[], sources?: ArrayLike<number>): Accuracy {
  const add = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  const inCluster = new Map<string, number>();
  const inClusterEntity = new Map<string, number>();
  const inClusterSource = new Map<string, number>();
  const inClusterEntitySource = new Map<string, number>();
  for (let i = 0; i < entity.length; i++) {
    const c = String(clusterOf[i]);
    add(inCluster, c);
    add(inClusterEntity, `${c}\u0000${entity[i]}`);
    if (sources) {
      add(inClusterSource, `${c}\u0000${sources[i]}`);
      add(inClusterEntitySource, `${c}\u0000${entity[i]}\u0000${sources[i]}`);
    }
  }
  const predicted = pairsWithin(inCluster) - pairsWithin(inClusterSource);
  const tp = pairsWithin(inClusterEntity) - pairsWithin(inClusterEntitySource);
  return accuracy(tp, predicted, truePairCount(entity, sources));
}

/** FEBRL's ground truth: rec-<N>-org and rec-<N>-dup-<k> are the same person exactly when they share N. */
export function febrlEntity(recordId: string): string {
  const m = /^rec-(\d+)-/.exec(recordId);
  if (!m) throw new Error('not a FEBRL record id');
  return m[1]!;
}
