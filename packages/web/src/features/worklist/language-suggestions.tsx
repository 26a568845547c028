import { useDeferredValue, useMemo } from 'react';
import { checkPersonFirstLanguage, type LanguageFlag } from '@continuum/contracts';

/** The person-first language flags of `text`, recomputed as it is typed (deferred so typing stays quick). */
export function useLanguageFlags(text: string): LanguageFlag[] {
  const deferred = useDeferredValue(text);
  return useMemo(() => checkPersonFirstLanguage(deferred), [deferred]);
}

/**
 * Suggestions for a free-text note, shown under the field while it is typed: each stigmatizing
 * word with person-first alternatives and why. Never blocks saving. Put it right after the field;
 * it is a polite live region, so screen readers hear new suggestions as they appear.
 * (Used by outreach task notes and referral notes.)
 */
export function LanguageSuggestions({ text, id }: { text: string; id?: string }) {
  const flags = useLanguageFlags(text);
  return (
    <div id={id} className="language-suggestions" aria-live="polite">
      {flags.length > 0 ? (
        <>
          <p className="language-suggestions-title">Person-first language suggestions (you can still save as written):</p>
          <ul>
            {flags.map((flag) => (
              <li key={`${flag.index}-${flag.term}`}>
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
