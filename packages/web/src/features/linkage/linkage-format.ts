/** A small-cell-suppressed count as the server sends it: "<11" when suppressed (docs/privacy.md). */
export const count = (c: { value: number | null; suppressed: boolean }) => (c.suppressed ? '<11' : String(c.value ?? 0));

/** A share 0–1 as a percentage with one decimal, or a dash. */
export const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);

/** A percentage the server already computed (0–100), or a dash. */
export const percent = (x: number | null) => (x === null ? '—' : `${x}%`);
