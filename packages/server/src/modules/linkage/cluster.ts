/**
 * Clustering scored pairs into persons: connected components over pairs at or above the threshold,
 * with a guard against chaining. A component holding two records that conflict on strong identifiers
 * (see `conflict` in link.ts) is rebuilt by adding its edges strongest first and refusing any edge
 * that would join conflicting records; the resulting clusters are marked for review.
 */
export interface ScoredEdges {
  left: Uint32Array;
  right: Uint32Array;
  probability: Float64Array;
  count: number;
}

export interface Clusters {
  /** Cluster number per record, 1-based, numbered in order of each cluster's first record: deterministic. */
  clusterOf: Int32Array;
  /** 1 for records whose component was split because of a conflict (a reviewer should look). */
  review: Uint8Array;
  clusters: number;
  splitComponents: number;
}

class UnionFind {
  readonly parent: Int32Array;
  constructor(n: number) {
    this.parent = new Int32Array(n);
    for (let i = 0; i < n; i++) this.parent[i] = i;
  }
  find(x: number): number {
    const p = this.parent;
    while (p[x] !== x) {
      p[x] = p[p[x]!]!;
      x = p[x]!;
    }
    return x;
  }
  /** Joins the sets; the smaller root index stays root (deterministic). */
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return;
    if (ra < rb) this.parent[rb] = ra;
    else this.parent[ra] = rb;
  }
}

/** Largest component whose members are checked pairwise for conflicts; bigger ones are split regardless and flagged. */
const MAX_CHECKED = 5000;

/**
 * `conflict(a, b)`: the two records must not be joined through others. `veto(a, b)`: the two records are
 * never joined, not even by a direct link (e.g. Jr and Sr); a vetoed pair is also a conflict.
 */
export function clusterPairs(
  n: number,
  edges: ScoredEdges,
  threshold: number,
  conflict: (a: number, b: number) => boolean,
  veto: (a: number, b: number) => boolean = () => false,
): Clusters {
  const uf = new UnionFind(n);
  const kept: number[] = [];
  for (let k = 0; k < edges.count; k++) {
    if (edges.probability[k]! >= threshold && !veto(edges.left[k]!, edges.right[k]!)) {
      kept.push(k);
      uf.union(edges.left[k]!, edges.right[k]!);
    }
  }
  // A pair the model itself scored above the threshold is not a conflict: its evidence was weighed.
  // The guard is against chaining: records joined only through others. Direct links are looked up
  // by binary search in their sorted keys (built only if some pair conflicts).
  let direct: Float64Array | undefined;
  const linked = (a: number, b: number) => {
    if (!direct) {
      direct = new Float64Array(kept.length);
      kept.forEach((k, i) => (direct![i] = edges.left[k]! * n + edges.right[k]!));
      direct.sort();
    }
    const key = a < b ? a * n + b : b * n + a;
    let lo = 0;
    let hi = direct.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const v = direct[mid]!;
      if (v === key) return true;
      if (v < key) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  };
  const guard = conflict;
  conflict = (a, b) => veto(a, b) || (guard(a, b) && !linked(a, b));
  const size = new Int32Array(n);
  for (let i = 0; i < n; i++) size[uf.find(i)]! += 1;
  const members = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const root = uf.find(i);
    if (size[root]! < 2) continue;
    const list = members.get(root);
    if (list) list.push(i);
    else members.set(root, [i]);
  }
  const review = new Uint8Array(n);
  const conflicted = new Set<number>();
  for (const [root, list] of members) {
    if (list.length > MAX_CHECKED) {
      conflicted.add(root);
      continue;
    }
    outer: for (let x = 0; x < list.length; x++) {
      for (let y = x + 1; y < list.length; y++) {
        if (conflict(list[x]!, list[y]!)) {
          conflicted.add(root);
          break outer;
        }
      }
    }
  }
  let splitComponents = 0;
  if (conflicted.size > 0) {
    // Rebuild conflicted components: edges strongest first (ties by record order), skipping any that joins a conflict.
    const byRoot = new Map<number, number[]>();
    for (const k of kept) {
      const root = uf.find(edges.left[k]!);
      if (conflicted.has(root)) (byRoot.get(root) ?? byRoot.set(root, []).get(root)!).push(k);
    }
    for (const root of conflicted) {
      splitComponents++;
      const list = members.get(root)!;
      for (const i of list) {
        uf.parent[i] = i;
        review[i] = 1;
      }
      const set = new Map<number, number[]>(list.map((i) => [i, [i]]));
      const ks = byRoot.get(root) ?? [];
      ks.sort(
        (p, q) => edges.probability[q]! - edges.probability[p]! || edges.left[p]! - edges.left[q]! || edges.right[p]! - edges.right[q]!,
      );
      for (const k of ks) {
        const ra = uf.find(edges.left[k]!);
        const rb = uf.find(edges.right[k]!);
        if (ra === rb) continue;
        const A = set.get(ra)!;
        const B = set.get(rb)!;
        let clash = false;
        for (const a of A) {
          for (const b of B) {
            if (conflict(a, b)) {
              clash = true;
              break;
            }
          }
          if (clash) break;
        }
        if (clash) continue;
        uf.union(ra, rb);
        const keep = uf.find(ra);
        const merged = A.concat(B);
        set.delete(ra);
        set.delete(rb);
        set.set(keep, merged);
      }
    }
  }
  const clusterOf = new Int32Array(n);
  const numberOf = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const root = uf.find(i);
    let c = numberOf.get(root);
    if (c === undefined) {
      c = numberOf.size + 1;
      numberOf.set(root, c);
    }
    clusterOf[i] = c;
  }
  return { clusterOf, review, clusters: numberOf.size, splitComponents };
}
