import {
  scorecardPartnerListSchema,
  scorecardPaths,
  scorecardSchema,
  scorecardTargetListSchema,
  scorecardTargetSchema,
  type Scorecard,
  type ScorecardMeasureId,
  type ScorecardPartnerList,
  type ScorecardQuery,
  type ScorecardTarget,
} from '@continuum/contracts';
import { queryString, segment, type ApiRequest } from '../../../api/request.ts';

/** Partner scorecards (`contracts/src/network-scorecards.ts`), typed and parsed. */
export interface ScorecardsApi {
  listPartners(): Promise<ScorecardPartnerList>;
  getScorecard(organizationId: string, query: ScorecardQuery): Promise<Scorecard>;
  /** Where the scorecard's CSV is downloaded (a plain link: the browser sends the session cookie). */
  scorecardCsvHref(organizationId: string, query: ScorecardQuery): string;
  listTargets(): Promise<ScorecardTarget[]>;
  setTarget(measure: ScorecardMeasureId, target: number | null): Promise<ScorecardTarget>;
}

const withId = (path: string, organizationId: string) => path.replace(':organizationId', segment(organizationId));

export function createScorecardsHttpApi(request: ApiRequest): ScorecardsApi {
  return {
    listPartners: () => request('GET', scorecardPaths.partners, scorecardPartnerListSchema),
    getScorecard: (id, query) => request('GET', `${withId(scorecardPaths.scorecard, id)}${queryString(query)}`, scorecardSchema),
    scorecardCsvHref: (id, query) => `${withId(scorecardPaths.scorecardCsv, id)}${queryString(query)}`,
    listTargets: async () => (await request('GET', scorecardPaths.targets, scorecardTargetListSchema)).items,
    setTarget: (measure, target) =>
      request('PUT', scorecardPaths.target.replace(':measure', segment(measure)), scorecardTargetSchema, { target }),
  };
}
