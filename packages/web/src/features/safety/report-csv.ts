import { csvField, type PrescriberReport, type ReportCell } from '@continuum/contracts';

// Every cell written by the shared CSV helper (contracts/csv.ts): quoted when needed, formulas escaped.

const fmt = (v: number | null) => (v === null ? '' : String(v));
const suppressed = (c: ReportCell) => (c.suppressed ? 'fewer than 11' : '');

/** The report as CSV (the same columns as `continuum safety report`): the network first, then one line per prescriber and rule. */
export function reportCsv(report: PrescriberReport): string {
  const lines = [['prescriber', 'people_with_opioids', 'rule', 'people_flagged', 'rate', 'suppressed']];
  for (const c of report.network.rules)
    lines.push(['(network)', fmt(report.network.peopleWithOpioids), c.rule, fmt(c.count), fmt(c.rate), suppressed(c)]);
  for (const p of report.prescribers)
    for (const c of p.rules) lines.push([p.label, fmt(p.people), c.rule, fmt(c.count), fmt(c.rate), suppressed(c)]);
  return `${lines.map((l) => l.map(csvField).join(',')).join('\n')}\n`;
}

/** "12 (85.7%)", or "fewer than 11" for a suppressed cell. */
export function cellText(c: ReportCell): string {
  if (c.suppressed || c.count === null) return 'fewer than 11';
  if (c.rate === null) return String(c.count);
  return `${c.count} (${(Math.round(c.rate * 1000) / 10).toFixed(1)}%)`;
}
