import type { ButtonHTMLAttributes, ReactNode } from 'react';
import { Link, type LinkProps } from 'react-router-dom';

export type ButtonVariant = 'primary' | 'secondary' | 'danger' | 'quiet';

interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: ButtonVariant;
  size?: 'normal' | 'small';
  /** Disables the button and shows `pendingLabel` while an action runs. */
  isPending?: boolean;
  pendingLabel?: ReactNode;
}

function buttonClass(variant: ButtonVariant, size: 'normal' | 'small', extra?: string): string {
  return ['button', `button-${variant}`, size === 'small' ? 'button-small' : '', extra ?? ''].filter(Boolean).join(' ');
}

export function Button({
  variant = 'secondary',
  size = 'normal',
  isPending = false,
  pendingLabel,
  className,
  type = 'button',
  disabled,
  children,
  ...rest
}: ButtonProps) {
  return (
    <button
      {...rest}
      type={type}
      className={buttonClass(variant, size, className)}
      disabled={disabled || isPending}
      aria-busy={isPending || undefined}
    >
      {isPending && pendingLabel ? pendingLabel : children}
    </button>
  );
}

/** A router link that looks like a button, for navigation actions such as "New organization". */
export function ButtonLink({
  variant = 'secondary',
  size = 'normal',
  className,
  ...rest
}: LinkProps & { variant?: ButtonVariant; size?: 'normal' | 'small' }) {
  return <Link {...rest} className={buttonClass(variant, size, className)} />;
}
