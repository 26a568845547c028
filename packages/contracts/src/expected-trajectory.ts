import { z } from 'zod';
import { monthSchema, trajectoryMeasureIdSchema } from './learning.ts';

/*
 * A scenario run's result pinned on a learning chart as the expected trajectory (docs/analytics.md,
 * "Expected trajectory"; docs/scenarios.md): the median and 90% interval per month of one of the
 * monthly counts, from a start month, so the chart compares what happened with what was expected.
 */

export const expectedPointSchema = z.object({ month: monthSchema, median: z.number(), low: z.number(), high: z.number() });
export type ExpectedPoint = z.infer<typeof expectedPointSchema>;

export const expectedTrajectorySchema = z.object({
  id: z.uuid(),
  measureId: trajectoryMeasureIdSchema,
  scenarioRunId: z.uuid(),
  runName: z.string(),
  /** The scenario of the run (or the run's "Today" baseline). */
  scenario: z.string(),
  /** The month the projection's first month falls in. */
  startMonth: monthSchema,
  /** Model people × scale = the community's count (1 for the overdose counts the model is calibrated to). */
  scale: z.number(),
  scaleNote: z.string(),
  points: z.array(expectedPointSchema),
  createdAt: z.string(),
  createdByName: z.string().nullable(),
});
export type ExpectedTrajectory = z.infer<typeof expectedTrajectorySchema>;
export const expectedTrajectoryListSchema = z.object({ items: z.array(expectedTrajectorySchema) });

export const expectedTrajectoryListQuerySchema = z.strictObject({ measureId: trajectoryMeasureIdSchema.optional() });

/** `POST /api/scenarios/runs/:id/expected-trajectory` */
export const pinExpectedTrajectorySchema = z.strictObject({
  scenario: z.string().trim().min(1).max(200),
  measureId: trajectoryMeasureIdSchema,
  /** Default: the month the run was made (the first month after the months it was calibrated on). */
  startMonth: monthSchema.optional(),
});
export type PinExpectedTrajectory = z.infer<typeof pinExpectedTrajectorySchema>;

export const expectedPositions = ['above', 'within', 'below'] as const;
export type ExpectedPosition = (typeof expectedPositions)[number];

/** The pinned trajectory on a chart: the band, where each shown month fell, and a reading in plain words. */
export const chartExpectedSchema = z.object({
  trajectory: expectedTrajectorySchema,
  positions: z.array(z.object({ month: monthSchema, position: z.enum(expectedPositions) })),
  reading: z.string(),
});
export type ChartExpected = z.infer<typeof chartExpectedSchema>;
