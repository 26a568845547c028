import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { useApiRequest } from '../../api/api-context.tsx';
import { createLearningHttpApi, type LearningApi } from './api.ts';

const LearningApiContext = createContext<LearningApi | null>(null);

/** Provides the learning client; without `api`, the HTTP one over the app's `request()`. */
export function LearningApiProvider({ api, children }: { api?: LearningApi | undefined; children: ReactNode }) {
  const request = useApiRequest();
  const value = useMemo(() => api ?? createLearningHttpApi(request), [api, request]);
  return <LearningApiContext.Provider value={value}>{children}</LearningApiContext.Provider>;
}

export function useLearningApi(): LearningApi {
  const api = useContext(LearningApiContext);
  if (!api) throw new Error('useLearningApi must be used inside <LearningApiProvider>');
  return api;
}
