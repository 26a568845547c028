import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { useApiRequest } from '../../../api/api-context.tsx';
import { createScorecardsHttpApi, type ScorecardsApi } from './api.ts';

const ScorecardsApiContext = createContext<ScorecardsApi | null>(null);
/** Component tests put a fake here, around the whole app, in place of the HTTP client. */
export const ScorecardsApiOverride = createContext<ScorecardsApi | null>(null);

export function ScorecardsApiProvider({ children }: { children: ReactNode }) {
  const request = useApiRequest();
  const override = useContext(ScorecardsApiOverride);
  const value = useMemo(() => override ?? createScorecardsHttpApi(request), [override, request]);
  return <ScorecardsApiContext.Provider value={value}>{children}</ScorecardsApiContext.Provider>;
}

export function useScorecardsApi(): ScorecardsApi {
  const api = useContext(ScorecardsApiContext);
  if (!api) throw new Error('useScorecardsApi must be used inside <ScorecardsApiProvider>');
  return api;
}
