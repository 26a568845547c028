import type { ReactNode } from 'react';

interface TableProps {
  /** Names the table for assistive technology; shown above it unless `isCaptionHidden`. */
  caption: ReactNode;
  isCaptionHidden?: boolean;
  /**
   * 'stack' (default) shows each row as a small card on narrow screens, labelling cells from their
   * `data-label`; 'scroll' keeps the grid and scrolls sideways.
   */
  narrowLayout?: 'stack' | 'scroll';
  /** The table element's id (e.g. for a map's aria-describedby). */
  id?: string;
  children: ReactNode;
}

/**
 * A data table in a keyboard-focusable region that scrolls sideways when it must, so wide tables
 * stay usable on a phone.
 */
export function Table({ caption, isCaptionHidden = false, narrowLayout = 'stack', id, children }: TableProps) {
  return (
    <div className="table-wrap" role="region" aria-label={typeof caption === 'string' ? caption : undefined} tabIndex={0}>
      <table id={id} className={narrowLayout === 'stack' ? 'table table-stack' : 'table'}>
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
