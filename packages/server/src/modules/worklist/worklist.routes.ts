import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  assignWorklistTaskSchema,
  completeWorklistTaskSchema,
  createWorklistTaskSchema,
  errorBodySchema,
  idParamsSchema,
  logContactAttemptSchema,
  snoozeWorklistTaskSchema,
  worklistChangeResultSchema,
  worklistListQuerySchema,
  worklistPageSchema,
  worklistPaths,
  worklistTaskDetailSchema,
} from '@continuum/contracts';
import {
  assignWorklistTask,
  completeWorklistTask,
  createManualWorklistTask,
  getWorklistTask,
  listWorklist,
  logContactAttempt,
  snoozeWorklistTask,
} from './worklist.ts';

const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema };
const tags = ['worklist'];

/** Navigator worklists: outreach tasks, read through the consent chokepoint; every change audited. */
export async function worklistRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db, clock } = app.deps;
  const p = worklistPaths;

  r.get(
    p.tasks,
    {
      schema: {
        tags,
        summary: 'My or my team’s outreach tasks, soonest due first',
        querystring: worklistListQuerySchema,
        response: { 200: worklistPageSchema, ...errors },
      },
    },
    async (request) => db.transaction().execute((trx) => listWorklist(trx, clock, request.access, request.query)),
  );

  r.post(
    p.tasks,
    {
      schema: {
        tags,
        summary: 'Make an outreach task by hand for a person you may see',
        body: createWorklistTaskSchema,
        response: { 201: worklistChangeResultSchema, ...errors },
      },
    },
    async (request, reply) => {
      const { id: _id, ...result } = await createManualWorklistTask(db, clock, request.access, request.body);
      reply.status(201);
      return result;
    },
  );

  r.get(
    p.task,
    {
      schema: {
        tags,
        summary: 'An outreach task with the person, why, and the contact attempts',
        params: idParamsSchema,
        response: { 200: worklistTaskDetailSchema, ...errors },
      },
    },
    async (request) => db.transaction().execute((trx) => getWorklistTask(trx, clock, request.access, request.params.id)),
  );

  r.post(
    p.assign,
    {
      schema: {
        tags,
        summary: 'Assign to a care navigator of the owning organization',
        params: idParamsSchema,
        body: assignWorklistTaskSchema,
        response: { 200: worklistChangeResultSchema, ...errors },
      },
    },
    async (request) => assignWorklistTask(db, clock, request.access, request.params.id, request.body),
  );

  r.post(
    p.snooze,
    {
      schema: {
        tags,
        summary: 'Set aside until a time, with a reason',
        params: idParamsSchema,
        body: snoozeWorklistTaskSchema,
        response: { 200: worklistChangeResultSchema, ...errors },
      },
    },
    async (request) => snoozeWorklistTask(db, clock, request.access, request.params.id, request.body),
  );

  r.post(
    p.complete,
    {
      schema: {
        tags,
        summary: 'Complete with an outcome',
        params: idParamsSchema,
        body: completeWorklistTaskSchema,
        response: { 200: worklistChangeResultSchema, ...errors },
      },
    },
    async (request) => completeWorklistTask(db, clock, request.access, request.params.id, request.body),
  );

  r.post(
    p.attempts,
    {
      schema: {
        tags,
        summary: 'Log a contact attempt',
        params: idParamsSchema,
        body: logContactAttemptSchema,
        response: { 201: worklistChangeResultSchema, ...errors },
      },
    },
    async (request, reply) => {
      const result = await logContactAttempt(db, clock, request.access, request.params.id, request.body);
      reply.status(201);
      return result;
    },
  );
}
