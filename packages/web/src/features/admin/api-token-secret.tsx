import type { CreatedApiToken } from '@continuum/contracts';
import { useState } from 'react';
import { Alert } from '../../ui/alert.tsx';
import { Button } from '../../ui/button.tsx';

/** Shows a new token's secret, once. It is never stored or shown again after "Done". */
export function ApiTokenSecret({ created, onDone }: { created: CreatedApiToken; onDone: () => void }) {
  const [copyState, setCopyState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const inputId = `api-token-secret-${created.token.id}`;

  async function copy() {
    try {
      await navigator.clipboard.writeText(created.secret);
      setCopyState('copied');
    } catch {
      setCopyState('failed');
    }
  }

  return (
    <Alert tone="success" title={`Token "${created.token.name}" created`}>
      <p>
        <strong>Copy this secret now. It will not be shown again.</strong> The system that uses it sends it as{' '}
        <code>Authorization: Bearer &lt;secret&gt;</code>.
      </p>
      <div className="field">
        <label className="field-label" htmlFor={inputId}>
          Secret
        </label>
        <div className="secret-row">
          <input
            id={inputId}
            className="input input-code"
            readOnly
            value={created.secret}
            onFocus={(event) => event.currentTarget.select()}
          />
          <Button onClick={() => void copy()}>Copy</Button>
        </div>
        <p className="field-hint" role="status">
          {copyState === 'copied'
            ? 'Copied to the clipboard.'
            : copyState === 'failed'
              ? 'Could not copy automatically: select the secret and copy it.'
              : ''}
        </p>
      </div>
      <Button variant="primary" onClick={onDone}>
        I have stored the secret
      </Button>
    </Alert>
  );
}
