import { useState, type ReactNode } from 'react';
import { Button } from './button.tsx';

interface ConfirmButtonProps {
  /** The first button, e.g. "Remove". */
  children: ReactNode;
  /** The question shown after the first press, e.g. "Remove Dana from this organization?" */
  question: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  isPending?: boolean;
  /** Accessible name of the first button when its visible text is ambiguous in a table. */
  'aria-label'?: string;
}

/** A destructive action that asks again inline (no modal), so it stays keyboard- and screen-reader-friendly. */
export function ConfirmButton({ children, question, confirmLabel, onConfirm, isPending, 'aria-label': ariaLabel }: ConfirmButtonProps) {
  const [isAsking, setAsking] = useState(false);
  if (!isAsking) {
    return (
      <Button size="small" variant="danger" aria-label={ariaLabel} onClick={() => setAsking(true)} isPending={isPending ?? false}>
        {children}
      </Button>
    );
  }
  return (
    <span className="confirm" role="group" aria-label="Confirm">
      <span className="confirm-question">{question}</span>
      <Button
        size="small"
        variant="danger"
        autoFocus
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        {confirmLabel}
      </Button>
      <Button size="small" variant="quiet" onClick={() => setAsking(false)}>
        Cancel
      </Button>
    </span>
  );
}
