import { Button } from './button.tsx';

interface PaginationProps {
  offset: number;
  limit: number;
  total: number;
  onChange: (offset: number) => void;
  /** What is being paged, for the navigation landmark's name, e.g. "Organizations". */
  label: string;
}

export function Pagination({ offset, limit, total, onChange, label }: PaginationProps) {
  if (total === 0) return null;
  const first = offset + 1;
  const last = Math.min(offset + limit, total);
  return (
    <nav className="pagination" aria-label={`${label} pages`}>
      <p className="pagination-status">
        Showing {first}–{last} of {total}
      </p>
      <div className="pagination-buttons">
        <Button size="small" disabled={offset === 0} onClick={() => onChange(Math.max(0, offset - limit))}>
          Previous
        </Button>
        <Button size="small" disabled={last >= total} onClick={() => onChange(offset + limit)}>
          Next
        </Button>
      </div>
    </nav>
  );
}
