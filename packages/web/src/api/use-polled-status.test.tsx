import { act, renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ApiError, describeError } from './api-error.ts';
import { usePolledStatus } from './use-polled-status.ts';

/** A job that answers the given statuses in turn, then keeps answering the last. */
function job(statuses: string[]) {
  let calls = 0;
  return {
    get calls() {
      return calls;
    },
    load: () => {
      const status = statuses[Math.min(calls, statuses.length - 1)]!;
      calls++;
      return Promise.resolve({ status, call: calls });
    },
  };
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('usePolledStatus', () => {
  it('loads again while the job is queued or running and stops once it is done', async () => {
    const j = job(['queued', 'running', 'running', 'done']);
    const { result } = renderHook(() => usePolledStatus(j.load, ['a'], 5));
    await waitFor(() => expect(result.current.value?.status).toBe('done'));
    await pause(40);
    expect(j.calls).toBe(4);
    expect(result.current.error).toBeNull();
  });

  it('does not poll a finished or failed job', async () => {
    for (const status of ['done', 'failed', 'draft']) {
      const j = job([status]);
      const { result } = renderHook(() => usePolledStatus(j.load, ['a'], 5));
      await waitFor(() => expect(result.current.value?.status).toBe(status));
      await pause(30);
      expect(j.calls).toBe(1);
    }
  });

  it('describes an error and stops polling', async () => {
    let calls = 0;
    const load = () => {
      calls++;
      return calls === 1
        ? Promise.resolve({ status: 'running' })
        : Promise.reject(new ApiError('NOT_FOUND', 'No such run', { status: 404 }));
    };
    const { result } = renderHook(() => usePolledStatus(load, ['a'], 5));
    await waitFor(() => expect(result.current.error).toBe(describeError(new ApiError('NOT_FOUND', 'No such run', { status: 404 }))));
    expect(result.current.value?.status).toBe('running');
    await pause(30);
    expect(calls).toBe(2);
  });

  it('stops on unmount', async () => {
    const j = job(['running']);
    const { unmount } = renderHook(() => usePolledStatus(j.load, ['a'], 5));
    await waitFor(() => expect(j.calls).toBeGreaterThanOrEqual(2));
    unmount();
    const after = j.calls;
    await pause(30);
    expect(j.calls).toBe(after);
  });

  it('starts over when its key changes, and a value set by the page is shown', async () => {
    const j = job(['draft', 'queued', 'done']);
    const { result, rerender } = renderHook(({ key }) => usePolledStatus(j.load, [key], 5), { initialProps: { key: 0 } });
    await waitFor(() => expect(result.current.value?.status).toBe('draft'));
    act(() => result.current.setValue({ status: 'queued', call: 0 }));
    expect(result.current.value?.status).toBe('queued');
    rerender({ key: 1 });
    await waitFor(() => expect(result.current.value?.status).toBe('done'));
    expect(j.calls).toBe(3);
  });
});
