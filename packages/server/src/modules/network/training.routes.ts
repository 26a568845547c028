import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  completionInputSchema,
  completionListQuerySchema,
  completionListSchema,
  completionSchema,
  courseInputSchema,
  courseListSchema,
  courseSchema,
  coverageSchema,
  csvDocument,
  errorBodySchema,
  trainingImportResultSchema,
  trainingImportSchema,
  trainingPaths,
  trainingSettingsSchema,
} from '@continuum/contracts';
import { createCourse, importCompletions, listCompletions, listCourses, recordCompletion, trainingCoverage } from './training.ts';
import { readTrainingSettings, setTrainingSettings } from './training-settings.ts';

const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema };
const tags = ['network'];

/** Training and workforce (docs/network.md); roles decided in the domain functions. */
export async function trainingRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db, clock } = app.deps;

  r.get(
    trainingPaths.courses,
    { schema: { tags, summary: 'Courses', response: { 200: courseListSchema, ...errors } } },
    async (request) => ({
      items: await listCourses(db, request.access),
    }),
  );
  r.post(
    trainingPaths.courses,
    { schema: { tags, summary: 'Add a course', body: courseInputSchema, response: { 201: courseSchema, ...errors } } },
    async (request, reply) => reply.code(201).send(await createCourse(db, clock, request.access, request.body)),
  );
  r.get(
    trainingPaths.completions,
    {
      schema: {
        tags,
        summary: 'Training completions the caller may see',
        querystring: completionListQuerySchema,
        response: { 200: completionListSchema, ...errors },
      },
    },
    async (request) => ({ items: await listCompletions(db, clock, request.access, request.query) }),
  );
  r.post(
    trainingPaths.completions,
    { schema: { tags, summary: 'Record a completion', body: completionInputSchema, response: { 201: completionSchema, ...errors } } },
    async (request, reply) => reply.code(201).send(await recordCompletion(db, clock, request.access, request.body)),
  );
  r.post(
    trainingPaths.import,
    {
      schema: {
        tags,
        summary: 'Import a learning-management CSV (all or nothing)',
        body: trainingImportSchema,
        response: { 200: trainingImportResultSchema, ...errors },
      },
    },
    async (request) => importCompletions(db, clock, request.access, request.body.csv),
  );
  r.get(
    trainingPaths.coverage,
    {
      schema: { tags, summary: 'Share currently trained per course, organization and role', response: { 200: coverageSchema, ...errors } },
    },
    async (request) => trainingCoverage(db, clock, request.access),
  );
  r.get(trainingPaths.coverageCsv, { schema: { tags, summary: 'Training coverage as CSV' } }, async (request, reply) => {
    const { items } = await trainingCoverage(db, clock, request.access);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="training-coverage.csv"')
      .send(
        csvDocument([
          ['course', 'organization', 'role', 'staff', 'current', 'share'],
          ...items.map((i) => [
            i.courseTitle,
            i.organizationName,
            i.role,
            i.staff,
            i.current,
            i.share === null ? null : Math.round(i.share * 1000) / 10,
          ]),
        ]),
      );
  });
  r.get(
    trainingPaths.settings,
    { schema: { tags, summary: 'The Part 2 training requirement', response: { 200: trainingSettingsSchema, ...errors } } },
    async (request) => readTrainingSettings(db, request.access),
  );
  r.put(
    trainingPaths.settings,
    {
      schema: {
        tags,
        summary: 'Require current Part 2 privacy training to see Part 2 records',
        body: trainingSettingsSchema,
        response: { 200: trainingSettingsSchema, ...errors },
      },
    },
    async (request) => setTrainingSettings(db, clock, request.access, request.body),
  );
}
