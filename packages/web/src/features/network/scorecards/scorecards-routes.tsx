import { ScorecardsApiProvider } from './api-context.tsx';
import { ScorecardsPage } from './scorecards-page.tsx';

/** The partner scorecards page with its own client; mounted at /network/scorecards. */
export function ScorecardsRoutes() {
  return (
    <ScorecardsApiProvider>
      <ScorecardsPage />
    </ScorecardsApiProvider>
  );
}
