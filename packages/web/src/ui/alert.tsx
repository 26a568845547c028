import type { ReactNode, Ref } from 'react';

export type AlertTone = 'info' | 'success' | 'warning' | 'error';

interface AlertProps {
  tone?: AlertTone;
  title?: ReactNode;
  children?: ReactNode;
  /** Errors interrupt (role="alert"); other tones are announced politely (role="status"). */
  role?: 'alert' | 'status' | 'none';
  ref?: Ref<HTMLDivElement>;
  tabIndex?: number;
  className?: string;
}

export function Alert({ tone = 'info', title, children, role, ref, tabIndex, className }: AlertProps) {
  const resolvedRole = role ?? (tone === 'error' ? 'alert' : 'status');
  return (
    <div
      ref={ref}
      tabIndex={tabIndex}
      className={['alert', `alert-${tone}`, className].filter(Boolean).join(' ')}
      role={resolvedRole === 'none' ? undefined : resolvedRole}
    >
      {title ? <p className="alert-title">{title}</p> : null}
      {children ? <div className="alert-body">{children}</div> : null}
    </div>
  );
}
