import { csvDocument, type Scorecard } from '@continuum/contracts';

/*
 * A scorecard as CSV: one row per measure and period — the quarter, then each month of the run
 * chart — with the value, its parts, the target and whether it is met. Suppressed cells are empty
 * with `suppressed` set, as on screen.
 */

export function scorecardCsv(card: Scorecard): string {
  const rows: (string | number | null)[][] = [
    [
      'organization',
      'pathway',
      'measure',
      'unit',
      'period',
      'value',
      'numerator',
      'denominator',
      'suppressed',
      'target',
      'meets_target',
      'median_center',
    ],
  ];
  for (const m of card.measures) {
    rows.push([
      card.organizationName,
      card.pathwayName ?? '',
      m.measure,
      m.unit,
      card.quarter,
      m.value,
      m.numerator,
      m.denominator,
      m.suppressed ? 'yes' : 'no',
      m.target,
      m.meetsTarget === null ? '' : m.meetsTarget ? 'yes' : 'no',
      '',
    ]);
    for (const p of m.chart.points) {
      rows.push([
        card.organizationName,
        card.pathwayName ?? '',
        m.measure,
        m.unit,
        p.month,
        p.value,
        m.kind === 'time' ? null : p.numerator,
        p.denominator,
        p.suppressed ? 'yes' : 'no',
        m.target,
        '',
        p.center,
      ]);
    }
  }
  return csvDocument(rows);
}
