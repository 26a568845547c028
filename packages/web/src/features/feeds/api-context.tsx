import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { useApiRequest } from '../../api/api-context.tsx';
import { createFeedsHttpApi, type FeedsApi } from './api.ts';

const FeedsApiContext = createContext<FeedsApi | null>(null);
/** Component tests put a fake here, around the whole app, in place of the HTTP client. */
export const FeedsApiOverride = createContext<FeedsApi | null>(null);

export function FeedsApiProvider({ children }: { children: ReactNode }) {
  const request = useApiRequest();
  const override = useContext(FeedsApiOverride);
  const value = useMemo(() => override ?? createFeedsHttpApi(request), [override, request]);
  return <FeedsApiContext.Provider value={value}>{children}</FeedsApiContext.Provider>;
}

export function useFeedsApi(): FeedsApi {
  const api = useContext(FeedsApiContext);
  if (!api) throw new Error('useFeedsApi must be used inside <FeedsApiProvider>');
  return api;
}
