import type { Key, ReactNode } from 'react';
import { Table } from '../../ui/table.tsx';

export interface Column<T> {
  header: string;
  cell: (row: T) => ReactNode;
}

/**
 * The linkage pages' tables: a caption, a header row and one row per item, each cell labelled with
 * its column for the narrow (stacked) layout.
 */
export function SimpleTable<T>({
  caption,
  columns,
  rows,
  rowKey,
}: {
  caption: string;
  columns: readonly Column<T>[];
  rows: readonly T[];
  rowKey: (row: T) => Key;
}) {
  return (
    <Table caption={caption}>
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c.header} scope="col">
              {c.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={rowKey(row)}>
            {columns.map((c) => (
              <td key={c.header} data-label={c.header}>
                {c.cell(row)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
