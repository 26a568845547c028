import { useEffect, useEffectEvent, useState } from 'react';
import { describeError } from './api-error.ts';

/** A background job's status as the pages poll it: queued and running are still going. */
export const activeStatuses: readonly string[] = ['queued', 'running'];

export interface PolledStatus<T> {
  /** The latest answer; null until the first arrives. */
  value: T | null;
  /** Replaces the value (an answer from a start or an upload); a value whose key changes restarts polling. */
  setValue: (value: T) => void;
  /** The last failure, described for the person; polling stops on it. */
  error: string | null;
  setError: (error: string | null) => void;
}

/**
 * Loads a job-like record and loads it again every `intervalMs` while its status is queued or running
 * (a scenario run, a linkage job); stops when it is done or failed, on an error, on unmount and when
 * the key (the values the load depends on) changes, which starts it over.
 */
export function usePolledStatus<T extends { status: string }>(
  load: () => Promise<T>,
  key: readonly (string | number | boolean | null | undefined)[],
  intervalMs = 1000,
): PolledStatus<T> {
  const [value, setValue] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const runLoad = useEffectEvent(load);
  const currentKey = JSON.stringify(key);

  useEffect(() => {
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const v = await runLoad();
        if (cancelled) return;
        setValue(v);
        if (activeStatuses.includes(v.status)) timer = setTimeout(() => void poll(), intervalMs);
      } catch (e) {
        if (!cancelled) setError(describeError(e));
      }
    };
    void poll();
    return () => {
      cancelled = true;
      if (timer) clearTimeout(timer);
    };
  }, [currentKey, intervalMs]);

  return { value, setValue, error, setError };
}
