import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from '../../schema/zod';
import type { AppEnv, UserPrincipal } from '../context';
import { apiRoute, jsonBody, jsonResponse, problemResponses } from '../routing';
import { createOrganisationShape, updateOrganisationShape, organisationShape, createCouncilShape, councilShape, holidayShape } from '../../schema/organisations';
import { createUserShape, userShape, createTokenShape } from '../../schema/users';
import { isoDate } from '../../schema/zod';
import * as orgs from '../services/organisations';
import { removePasskeys } from '../services/passkeys';

const slugParam = z.object({ slug: z.string() });
const userParams = z.object({ slug: z.string(), userId: z.string() });

const userView = (u: { id: string; email: string; name: string; role: UserPrincipal['role']; councilId: string | null }) => ({
  id: u.id,
  email: u.email,
  name: u.name,
  role: u.role,
  councilId: u.councilId,
});

export function registerOrganisationRoutes(app: OpenAPIHono<AppEnv>) {
  app.openapi(
    apiRoute('platform', {
      method: 'post',
      path: '/api/v1/organisations',
      tags: ['Organisations'],
      summary: 'Create an organisation (a municipality)',
      request: { body: jsonBody(createOrganisationShape) },
      responses: { 201: jsonResponse('Created', organisationShape), ...problemResponses(401, 403, 409, 413, 415, 422) },
    }),
    async (c) => {
      const org = await orgs.createOrganisation(c.var.db, c.var.principal!, c.req.valid('json'));
      return c.json(orgs.organisationView(org), 201);
    },
  );

  app.openapi(
    apiRoute('platform', {
      method: 'get',
      path: '/api/v1/organisations',
      tags: ['Organisations'],
      summary: 'List organisations',
      responses: { 200: jsonResponse('Organisations', z.object({ items: z.array(organisationShape) })), ...problemResponses(401, 403) },
    }),
    async (c) => c.json({ items: (await orgs.listOrganisations(c.var.db)).map(orgs.organisationView) }, 200),
  );

  app.openapi(
    apiRoute('orgMemberOrPlatform', {
      method: 'get',
      path: '/api/v1/organisations/{slug}',
      tags: ['Organisations'],
      summary: 'One organisation',
      request: { params: slugParam },
      responses: { 200: jsonResponse('The organisation', organisationShape), ...problemResponses(401, 403, 404) },
    }),
    async (c) => c.json(orgs.organisationView(await orgs.getOrganisationBySlug(c.var.db, c.req.valid('param').slug)), 200),
  );

  app.openapi(
    apiRoute('orgAdminUser', {
      method: 'patch',
      path: '/api/v1/organisations/{slug}',
      tags: ['Organisations'],
      summary: 'Change an organisation (letterhead, signatories, terms, theme) — its admin, not the platform token',
      request: { params: slugParam, body: jsonBody(updateOrganisationShape) },
      responses: { 200: jsonResponse('The organisation', organisationShape), ...problemResponses(401, 403, 404, 413, 415, 422) },
    }),
    async (c) => {
      const org = await orgs.updateOrganisation(c.var.db, c.var.principal!, c.req.valid('param').slug, c.req.valid('json'));
      return c.json(orgs.organisationView(org), 200);
    },
  );

  app.openapi(
    apiRoute('orgAdmin', {
      method: 'post',
      path: '/api/v1/organisations/{slug}/councils',
      tags: ['Councils'],
      summary: 'Create a council (an advisory body)',
      request: { params: slugParam, body: jsonBody(createCouncilShape) },
      responses: { 201: jsonResponse('Created', councilShape), ...problemResponses(401, 403, 404, 413, 415, 422) },
    }),
    async (c) => {
      const council = await orgs.createCouncil(c.var.db, c.var.principal!, c.req.valid('param').slug, c.req.valid('json'));
      return c.json(orgs.councilView(council), 201);
    },
  );

  app.openapi(
    apiRoute('orgMemberOrPlatform', {
      method: 'get',
      path: '/api/v1/organisations/{slug}/councils',
      tags: ['Councils'],
      summary: 'List councils',
      request: { params: slugParam },
      responses: { 200: jsonResponse('Councils', z.object({ items: z.array(councilShape) })), ...problemResponses(401, 403, 404) },
    }),
    async (c) => {
      const org = await orgs.getOrganisationBySlug(c.var.db, c.req.valid('param').slug);
      return c.json({ items: (await orgs.listCouncils(c.var.db, org.id)).map(orgs.councilView) }, 200);
    },
  );

  app.openapi(
    apiRoute('orgAdmin', {
      method: 'post',
      path: '/api/v1/organisations/{slug}/users',
      tags: ['Users'],
      summary: 'Create a user with a role in this organisation',
      request: { params: slugParam, body: jsonBody(createUserShape) },
      responses: { 201: jsonResponse('Created', userShape), ...problemResponses(401, 403, 404, 409, 413, 415, 422) },
    }),
    async (c) => {
      const user = await orgs.createUser(c.var.db, c.var.principal!, c.req.valid('param').slug, c.req.valid('json'));
      return c.json(userView(user), 201);
    },
  );

  app.openapi(
    apiRoute('orgAdmin', {
      method: 'get',
      path: '/api/v1/organisations/{slug}/users',
      tags: ['Users'],
      summary: 'List users',
      request: { params: slugParam },
      responses: { 200: jsonResponse('Users', z.object({ items: z.array(userShape) })), ...problemResponses(401, 403, 404) },
    }),
    async (c) => {
      const org = await orgs.getOrganisationBySlug(c.var.db, c.req.valid('param').slug);
      return c.json({ items: (await orgs.listUsers(c.var.db, org.id)).map(userView) }, 200);
    },
  );

  app.openapi(
    apiRoute('orgAdmin', {
      method: 'post',
      path: '/api/v1/organisations/{slug}/users/{userId}/tokens',
      tags: ['Users'],
      summary: 'Issue an API token for a user (shown once; stored hashed)',
      request: { params: userParams, body: { required: false, content: { 'application/json': { schema: createTokenShape } } } },
      responses: {
        201: jsonResponse(
          'Created',
          z.object({
            id: z.string(),
            token: z.string().nullable().openapi({
              description: 'The token, shown once. A repeat with the same Idempotency-Key answers the same id with `null`: the token is never stored.',
            }),
            expiresAt: z.string().nullable(),
          }),
        ),
        ...problemResponses(401, 403, 404, 413, 415, 422),
      },
    }),
    async (c) => {
      const { slug, userId } = c.req.valid('param');
      const body = (c.req.valid('json') as { expiresInDays?: number } | undefined) ?? {};
      const created = await orgs.createToken(c.var.db, c.var.principal!, slug, userId, body.expiresInDays);
      // A repeat with the same Idempotency-Key gets this answer without the token (API.md).
      c.set('storedAnswer', JSON.stringify({ ...created, token: null }));
      return c.json(created, 201);
    },
  );

  app.openapi(
    apiRoute('orgAdmin', {
      method: 'delete',
      path: '/api/v1/organisations/{slug}/users/{userId}/tokens/{tokenId}',
      tags: ['Users'],
      summary: 'Revoke an API token',
      request: { params: userParams.extend({ tokenId: z.string() }) },
      responses: { 204: { description: 'Revoked' }, ...problemResponses(401, 403, 404) },
    }),
    async (c) => {
      const { slug, userId, tokenId } = c.req.valid('param');
      await orgs.revokeToken(c.var.db, c.var.principal!, slug, userId, tokenId);
      return c.body(null, 204);
    },
  );

  app.openapi(
    apiRoute('orgAdmin', {
      method: 'delete',
      path: '/api/v1/organisations/{slug}/users/{userId}/passkeys',
      tags: ['Users'],
      summary: "Remove a user's passkeys (lost device); the user's sessions end and a new passkey is registered at the next sign-in",
      request: { params: userParams },
      responses: { 204: { description: 'Removed' }, ...problemResponses(401, 403, 404) },
    }),
    async (c) => {
      const { slug, userId } = c.req.valid('param');
      await removePasskeys(c.var.db, c.var.principal!, slug, userId);
      return c.body(null, 204);
    },
  );

  app.openapi(
    apiRoute('platform', {
      method: 'post',
      path: '/api/v1/holidays',
      tags: ['Organisations'],
      summary: 'Add a non-working day on which no term may end (beyond the statutory holidays)',
      request: { body: jsonBody(holidayShape.extend({ date: isoDate(), orgSlug: z.string().optional() })) },
      responses: { 201: jsonResponse('Added', z.object({ date: z.string(), name: z.string() })), ...problemResponses(401, 403, 404, 422) },
    }),
    async (c) => {
      const { date, name, orgSlug } = c.req.valid('json');
      const orgId = orgSlug ? (await orgs.getOrganisationBySlug(c.var.db, orgSlug)).id : null;
      await orgs.addHoliday(c.var.db, c.var.principal!, { date, name, orgId });
      return c.json({ date, name }, 201);
    },
  );
}
