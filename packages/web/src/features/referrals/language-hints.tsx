import { checkPersonFirstLanguage } from '@continuum/contracts';
import { useDeferredValue } from 'react';

/**
 * Person-first language suggestions for free text, shown while it is typed. Non-blocking: the text
 * is saved as written; the hints only offer other words. `id` lets the text field point to them
 * with aria-describedby.
 */
export function LanguageHints({ id, text }: { id: string; text: string }) {
  const deferred = useDeferredValue(text);
  const flags = checkPersonFirstLanguage(deferred);
  return (
    <div id={id} className="language-hints" aria-live="polite">
      {flags.length > 0 ? (
        <>
          <p className="language-hints-title">Person-first wording (suggestion)</p>
          <ul>
            {flags.map((flag) => (
              <li key={`${flag.index}:${flag.term}`}>
                Instead of “{flag.term}”, consider {flag.suggestions.map((s) => `“${s}”`).join(' or ')}.{' '}
                <span className="muted">{flag.reason}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
