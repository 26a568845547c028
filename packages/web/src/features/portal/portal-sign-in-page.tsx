import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api/api-error.ts';
import { usePortal } from './portal-context.tsx';

/** Sign-in without a password: an email or phone number, then the 6-digit code sent to it. */
export function PortalSignInPage() {
  const { api, state, lang, strings, signedIn } = usePortal();
  const [address, setAddress] = useState('');
  const [code, setCode] = useState('');
  const [step, setStep] = useState<'address' | 'code'>('address');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  function explain(e: unknown) {
    if (!(e instanceof ApiError)) return strings.loadFailed;
    if (e.code === 'RATE_LIMITED') return strings.tooMany;
    // The server names the field; the words are the portal's own, in the person's language.
    if (e.code === 'VALIDATION_FAILED') return e.fields.some((f) => f.path.endsWith('code')) ? strings.badCodeShape : strings.badAddress;
    if (e.code === 'INVALID_CREDENTIALS') return strings.badCode;
    return strings.loadFailed;
  }

  async function sendCode(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api.requestCode(address, lang);
      setStep('code');
    } catch (e) {
      setError(explain(e));
    } finally {
      setBusy(false);
    }
  }

  async function verify(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      signedIn(await api.verify(address, code));
    } catch (e) {
      setError(explain(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="portal-card">
      <h1>{strings.signInTitle}</h1>
      {state.status === 'signed-out' && state.reason === 'expired' && <p className="portal-note">{strings.signedOutIdle}</p>}
      {error && (
        <p className="portal-error" role="alert">
          {error}
        </p>
      )}
      {step === 'address' ? (
        <form onSubmit={sendCode} className="portal-form">
          <p>{strings.signInIntro}</p>
          <label htmlFor="portal-address">{strings.addressLabel}</label>
          <input
            id="portal-address"
            type="text"
            inputMode="email"
            autoComplete="email"
            required
            value={address}
            onChange={(e) => setAddress(e.target.value)}
          />
          <button type="submit" className="button button-primary" disabled={busy}>
            {strings.sendCode}
          </button>
        </form>
      ) : (
        <form onSubmit={verify} className="portal-form">
          <p role="status">{strings.codeSent}</p>
          <label htmlFor="portal-code">{strings.codeLabel}</label>
          <input
            id="portal-code"
            type="text"
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="[0-9]{6}"
            maxLength={6}
            required
            value={code}
            onChange={(e) => setCode(e.target.value)}
          />
          <button type="submit" className="button button-primary" disabled={busy}>
            {strings.signIn}
          </button>
          <button type="button" className="button button-secondary" onClick={() => setStep('address')}>
            {strings.startOver}
          </button>
        </form>
      )}
    </section>
  );
}
