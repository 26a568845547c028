import type { ReactNode } from 'react';

interface TableProps {
  /** Names the table for assistive technology; shown above it unless `isCaptionHidden`. */
  caption: ReactNode;
  isCaptionHidden?: boolean;
  children: ReactNode;
}

/**
 * A data table in a horizontally scrollable, keyboard-focusable region, so wide tables stay usable
 * on a phone.
 */
export function Table({ caption, isCaptionHidden = false, children }: TableProps) {
  return (
    <div className="table-wrap" role="region" aria-label={typeof caption === 'string' ? caption : undefined} tabIndex={0}>
      <table className="table">
        <caption className={isCaptionHidden ? 'visually-hidden' : 'table-caption'}>{caption}</caption>
        {children}
      </table>
    </div>
  );
}

/** A single full-width row for "nothing here yet" and loading states. */
export function EmptyRow({ columns, children }: { columns: number; children: ReactNode }) {
  return (
    <tr>
      <td colSpan={columns} className="table-empty">
        {children}
      </td>
    </tr>
  );
}
