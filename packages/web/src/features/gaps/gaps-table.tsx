import { gapCategoryLabels, gapReasonLabels, type GapCategory, type GapsAreaResult } from '@continuum/contracts';
import { EmptyRow, Table } from '../../ui/table.tsx';

const number = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const ratio = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
const oneDecimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

/** The ranked table of the worst-served areas with why: the map's accessible equivalent. */
export function GapsTable({
  id,
  category,
  results,
  unit,
}: {
  id: string;
  category: GapCategory;
  results: readonly GapsAreaResult[];
  unit: string;
}) {
  return (
    <div id={id}>
      <Table caption={`Areas, worst served first: ${gapCategoryLabels[category].en}`} narrowLayout="scroll">
        <thead>
          <tr>
            <th scope="col">Area</th>
            <th scope="col">People with need</th>
            <th scope="col">Slots per 1,000 with need</th>
            <th scope="col">Relative access</th>
            <th scope="col">Shortfall</th>
            <th scope="col">Nearest ({unit})</th>
            <th scope="col">Desert</th>
            <th scope="col">Why</th>
          </tr>
        </thead>
        <tbody>
          {results.length === 0 ? <EmptyRow columns={8}>No areas in this analysis.</EmptyRow> : null}
          {results.map((r) => (
            <tr key={r.areaId}>
              <th scope="row">{r.areaName}</th>
              <td>{number.format(r.demand)}</td>
              <td>{oneDecimal.format(r.accessibility * 1000)}</td>
              <td>{r.relativeAccess === null ? '—' : ratio.format(r.relativeAccess)}</td>
              <td>{number.format(r.shortfall)}</td>
              <td>{r.nearest === null ? 'none in reach' : oneDecimal.format(r.nearest)}</td>
              <td>{[r.distanceDesert ? 'distance' : null, r.capacityDesert ? 'capacity' : null].filter(Boolean).join(', ') || 'no'}</td>
              <td>{r.reasons.map((code) => gapReasonLabels[code].en).join('; ') || '—'}</td>
            </tr>
          ))}
        </tbody>
      </Table>
    </div>
  );
}
