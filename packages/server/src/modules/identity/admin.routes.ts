import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  accessGrantListQuerySchema,
  accessGrantListSchema,
  accessGrantSchema,
  apiTokenListSchema,
  apiTokenSchema,
  createApiTokenSchema,
  createdApiTokenSchema,
  createMembershipSchema,
  createUserSchema,
  errorBodySchema,
  idParamsSchema,
  membershipListSchema,
  membershipSchema,
  okSchema,
  updateMembershipSchema,
  updateUserSchema,
  userListQuerySchema,
  userPageSchema,
  userSchema,
} from '@continuum/contracts';
import { loginThrottleOf } from './login-rate-limit.ts';
import { decideAccessGrant, listAccessGrants } from './access-grants.ts';
import { createApiToken, listApiTokens, revokeApiToken } from './api-tokens.ts';
import {
  createMembership,
  createUser,
  deleteMembership,
  listMemberships,
  listUsers,
  readUser,
  updateMembership,
  updateUser,
} from './users.ts';

const errors = {
  400: errorBodySchema,
  401: errorBodySchema,
  403: errorBodySchema,
  404: errorBodySchema,
  409: errorBodySchema,
  422: errorBodySchema,
};
const tags = ['administration'];

export async function identityAdminRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db, clock, config } = app.deps;

  r.get(
    '/api/admin/users',
    { schema: { tags, summary: 'List users', querystring: userListQuerySchema, response: { 200: userPageSchema, ...errors } } },
    async (request) => {
      return listUsers(db, request.access, request.query);
    },
  );

  r.post(
    '/api/admin/users',
    {
      schema: { tags, summary: 'Create a user with a first membership', body: createUserSchema, response: { 201: userSchema, ...errors } },
    },
    async (request, reply) => {
      reply.status(201);
      return createUser(db, clock, request.access, request.body);
    },
  );

  r.get(
    '/api/admin/users/:id',
    { schema: { tags, summary: 'One user', params: idParamsSchema, response: { 200: userSchema, ...errors } } },
    async (request) => {
      return readUser(db, request.access, request.params.id);
    },
  );

  r.patch(
    '/api/admin/users/:id',
    {
      schema: {
        tags,
        summary: 'Update, disable or unlock a user',
        params: idParamsSchema,
        body: updateUserSchema,
        response: { 200: userSchema, ...errors },
      },
    },
    async (request) => {
      const user = await updateUser(db, clock, request.access, request.params.id, request.body);
      if (request.body.unlock) loginThrottleOf(app.deps).clear(user.email);
      return user;
    },
  );

  r.get(
    '/api/admin/organizations/:id/memberships',
    {
      schema: {
        tags,
        summary: "An organization's members and their roles",
        params: idParamsSchema,
        response: { 200: membershipListSchema, ...errors },
      },
    },
    async (request) => {
      return { items: await listMemberships(db, request.access, request.params.id) };
    },
  );

  r.post(
    '/api/admin/memberships',
    {
      schema: {
        tags,
        summary: 'Add a user to an organization',
        body: createMembershipSchema,
        response: { 201: membershipSchema, ...errors },
      },
    },
    async (request, reply) => {
      reply.status(201);
      return createMembership(db, clock, request.access, request.body);
    },
  );

  r.patch(
    '/api/admin/memberships/:id',
    {
      schema: {
        tags,
        summary: "Change a member's roles",
        params: idParamsSchema,
        body: updateMembershipSchema,
        response: { 200: membershipSchema, ...errors },
      },
    },
    async (request) => {
      return updateMembership(db, clock, request.access, request.params.id, request.body.roles);
    },
  );

  r.delete(
    '/api/admin/memberships/:id',
    { schema: { tags, summary: 'Remove a user from an organization', params: idParamsSchema, response: { 200: okSchema, ...errors } } },
    async (request) => {
      await deleteMembership(db, clock, request.access, request.params.id);
      return { ok: true as const };
    },
  );

  r.get(
    '/api/admin/organizations/:id/api-tokens',
    { schema: { tags, summary: "An organization's API tokens", params: idParamsSchema, response: { 200: apiTokenListSchema, ...errors } } },
    async (request) => {
      return { items: await listApiTokens(db, request.access, request.params.id) };
    },
  );

  r.post(
    '/api/admin/organizations/:id/api-tokens',
    {
      schema: {
        tags,
        summary: 'Issue an API token (the secret is shown once)',
        params: idParamsSchema,
        body: createApiTokenSchema,
        response: { 201: createdApiTokenSchema, ...errors },
      },
    },
    async (request, reply) => {
      reply.status(201);
      return createApiToken(db, clock, request.access, request.params.id, request.body, config);
    },
  );

  r.post(
    '/api/admin/api-tokens/:id/revoke',
    { schema: { tags, summary: 'Revoke an API token', params: idParamsSchema, response: { 200: apiTokenSchema, ...errors } } },
    async (request) => {
      return revokeApiToken(db, clock, request.access, request.params.id);
    },
  );

  r.get(
    '/api/admin/access-grants',
    {
      schema: {
        tags,
        summary: 'Person-level access administrators granted themselves: pending (for a second administrator) or decided',
        querystring: accessGrantListQuerySchema,
        response: { 200: accessGrantListSchema, ...errors },
      },
    },
    async (request) => ({ items: await listAccessGrants(db, request.access, request.query.status) }),
  );

  for (const decision of ['approve', 'reject'] as const) {
    r.post(
      `/api/admin/access-grants/:id/${decision}`,
      {
        schema: {
          tags,
          summary: `${decision === 'approve' ? 'Approve' : 'Reject'} a pending grant (a second administrator)`,
          params: idParamsSchema,
          response: { 200: accessGrantSchema, ...errors },
        },
      },
      async (request) => decideAccessGrant(db, clock, request.access, request.params.id, decision),
    );
  }
}
