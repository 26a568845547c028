import { useState, type FormEvent } from 'react';
import { Link, Navigate, useLocation } from 'react-router-dom';
import { ApiError, describeError, fieldErrorMap } from '../api/api-error.ts';
import { Alert } from '../ui/alert.tsx';
import { Button } from '../ui/button.tsx';
import { TextField } from '../ui/field.tsx';
import { PageHeading } from '../ui/page-heading.tsx';
import type { LoginRedirectState } from './guards.tsx';
import { useSessionContext } from './session-provider.tsx';

interface LoginErrors {
  message: string | null;
  email?: string;
  password?: string;
}

/** What to tell a person whose sign-in failed; never says whether the email exists. */
export function loginErrorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    switch (error.code) {
      case 'INVALID_CREDENTIALS':
        return 'The email address or password is not correct. Check them and try again.';
      case 'ACCOUNT_LOCKED':
        return 'This account is locked for now after several unsuccessful sign-in attempts. Try again later, or ask an administrator to unlock it.';
      case 'RATE_LIMITED':
        return error.retryAfterSeconds
          ? `Too many sign-in attempts. Wait ${Math.ceil(error.retryAfterSeconds)} seconds, then try again.`
          : 'Too many sign-in attempts. Wait a minute, then try again.';
      default:
        return describeError(error);
    }
  }
  return describeError(error);
}

export function LoginPage() {
  const { state, login } = useSessionContext();
  const location = useLocation();
  const from = (location.state as LoginRedirectState | null)?.from;
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<LoginErrors>({ message: null });
  const [isPending, setPending] = useState(false);

  if (state.status === 'signed-in') {
    return <Navigate to={from && from !== '/login' ? from : '/'} replace />;
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const missing: LoginErrors = { message: null };
    if (!email.trim()) missing.email = 'Enter your email address.';
    if (!password) missing.password = 'Enter your password.';
    if (missing.email || missing.password) {
      setErrors({ ...missing, message: 'Enter your email address and password.' });
      return;
    }
    setPending(true);
    setErrors({ message: null });
    try {
      await login({ email: email.trim(), password });
    } catch (error) {
      const fields = error instanceof ApiError ? fieldErrorMap(error.fields) : {};
      setErrors({ message: loginErrorMessage(error), ...fields });
      setPending(false);
    }
  }

  return (
    <div className="login-layout">
      <main id="main" className="login-card" tabIndex={-1}>
        <p className="login-brand">Continuum</p>
        <p className="login-tagline">Coordinated care for people with opioid use disorder, across our community.</p>
        <PageHeading title="Sign in" />
        {state.status === 'signed-out' && state.reason === 'expired' && !errors.message ? (
          <Alert tone="info">Your session has ended. Sign in again to continue.</Alert>
        ) : null}
        {state.status === 'signed-out' && state.reason === 'signed-out' && !errors.message ? (
          <Alert tone="success">You have signed out.</Alert>
        ) : null}
        {errors.message ? (
          <Alert tone="error" title="Could not sign in">
            {errors.message}
          </Alert>
        ) : null}
        <form className="form" noValidate onSubmit={(event) => void handleSubmit(event)} aria-label="Sign in">
          <TextField
            id="login-email"
            label="Email address"
            name="email"
            type="email"
            autoComplete="username"
            inputMode="email"
            spellCheck={false}
            value={email}
            error={errors.email}
            onChange={(event) => setEmail(event.currentTarget.value)}
          />
          <TextField
            id="login-password"
            label="Password"
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            error={errors.password}
            onChange={(event) => setPassword(event.currentTarget.value)}
          />
          <Button type="submit" variant="primary" className="button-block" isPending={isPending} pendingLabel="Signing in…">
            Sign in
          </Button>
        </form>
        <p className="login-help">
          Looking for treatment or naloxone? You do not need an account: <Link to="/find">find treatment and naloxone near you</Link> (
          <Link to="/find?lang=es" lang="es" hrefLang="es">
            en español
          </Link>
          ), or call the SAMHSA National Helpline at 1-800-662-4357 (free, confidential, 24/7).
        </p>
      </main>
    </div>
  );
}
