import { useEffect, useRef } from 'react';
import { Alert } from './alert.tsx';

export interface ErrorSummaryItem {
  message: string;
  /** The id of the control to move focus to. */
  targetId?: string;
}

interface ErrorSummaryProps {
  title: string;
  items?: readonly ErrorSummaryItem[];
}

/**
 * The summary at the top of a form after a failed submission. It takes focus when it appears so
 * keyboard and screen-reader users learn what went wrong, and links to each field.
 */
export function ErrorSummary({ title, items = [] }: ErrorSummaryProps) {
  const ref = useRef<HTMLDivElement>(null);
  // Focus when the content changes, not on every parent render (typing must keep its focus).
  const content = [title, ...items.map((item) => item.message)].join('\n');
  useEffect(() => {
    ref.current?.focus();
  }, [content]);
  return (
    <Alert tone="error" title={title} ref={ref} tabIndex={-1} className="error-summary">
      {items.length > 0 ? (
        <ul className="error-summary-list">
          {items.map((item) => (
            <li key={`${item.targetId ?? ''}:${item.message}`}>
              {item.targetId ? (
                <a
                  href={`#${item.targetId}`}
                  onClick={(event) => {
                    const target = document.getElementById(item.targetId ?? '');
                    if (target) {
                      event.preventDefault();
                      target.focus();
                    }
                  }}
                >
                  {item.message}
                </a>
              ) : (
                item.message
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </Alert>
  );
}
