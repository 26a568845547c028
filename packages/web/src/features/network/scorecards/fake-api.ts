import {
  scorecardMeasureIds,
  scorecardMeasures,
  scorecardSchema,
  scorecardTargetInputSchema,
  type Scorecard,
  type ScorecardMeasureId,
  type ScorecardPartnerList,
  type ScorecardQuery,
  type ScorecardTarget,
} from '@continuum/contracts';
import type { ScorecardsApi } from './api.ts';

/** An in-memory scorecards API for component tests: answers validated by the contract's schemas. */
export class FakeScorecardsApi implements ScorecardsApi {
  partners: ScorecardPartnerList = { items: [], quarters: ['2026-Q4', '2026-Q3'], defaultQuarter: '2026-Q3' };
  /** Scorecards by `organizationId|quarter|pathwayId`. */
  cards = new Map<string, Scorecard>();
  targets = new Map<ScorecardMeasureId, number | null>(scorecardMeasureIds.map((m) => [m, scorecardMeasures[m].defaultTarget]));
  requested: { organizationId: string; query: ScorecardQuery }[] = [];

  async listPartners() {
    return structuredClone(this.partners);
  }
  async getScorecard(organizationId: string, query: ScorecardQuery) {
    this.requested.push({ organizationId, query });
    const card = this.cards.get(`${organizationId}|${query.quarter ?? ''}|${query.pathwayId ?? ''}`);
    if (!card) throw new Error('No such scorecard in the fake');
    return scorecardSchema.parse(structuredClone(card));
  }
  scorecardCsvHref(organizationId: string, query: ScorecardQuery) {
    return `/api/network/scorecards/${organizationId}/export.csv?quarter=${query.quarter ?? ''}`;
  }
  async listTargets(): Promise<ScorecardTarget[]> {
    return scorecardMeasureIds.map((measure) => {
      const d = scorecardMeasures[measure];
      return {
        measure,
        name: d.name,
        kind: d.kind,
        unit: d.unit,
        better: d.better,
        target: this.targets.get(measure) ?? null,
        defaultTarget: d.defaultTarget,
        updatedAt: null,
      };
    });
  }
  async setTarget(measure: ScorecardMeasureId, target: number | null) {
    scorecardTargetInputSchema.parse({ target });
    this.targets.set(measure, target);
    return (await this.listTargets()).find((t) => t.measure === measure)!;
  }
}
