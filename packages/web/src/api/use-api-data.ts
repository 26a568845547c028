import { useCallback, useEffect, useEffectEvent, useState } from 'react';

export interface ApiData<T> {
  /** The latest loaded value; kept while a new key loads so tables do not flicker when paging. */
  data: T | undefined;
  error: unknown;
  isLoading: boolean;
  reload: () => void;
}

/**
 * Loads data for a key (the values the request depends on) and reloads when the key changes or on
 * `reload()`. Answers that arrive after the key changed are dropped.
 */
export function useApiData<T>(load: () => Promise<T>, key: readonly unknown[]): ApiData<T> {
  const [generation, setGeneration] = useState(0);
  const currentKey = JSON.stringify([key, generation]);
  const [result, setResult] = useState<{ key: string; data?: T; error?: unknown } | null>(null);
  const runLoad = useEffectEvent(load);

  useEffect(() => {
    let isCurrent = true;
    runLoad().then(
      (data) => {
        if (isCurrent) setResult({ key: currentKey, data });
      },
      (error: unknown) => {
        if (isCurrent) setResult((previous) => ({ key: currentKey, data: previous?.data, error }));
      },
    );
    return () => {
      isCurrent = false;
    };
  }, [currentKey]);

  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  const isLoading = result?.key !== currentKey;
  return { data: result?.data, error: isLoading ? undefined : result?.error, isLoading, reload };
}
