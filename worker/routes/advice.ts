import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from '../../schema/zod';
import type { AppEnv, UserPrincipal } from '../context';
import { apiRoute, jsonBody, jsonResponse, problemResponses } from '../routing';
import { adviceInputShape, dossierShape, dossierSummaryShape, responseInputShape, returnInputShape, ITEM_KINDS, ADVICE_STATUSES } from '../../schema/advice';
import { adviceScope } from '../middleware/advice-scope';
import { authorizeAdvice } from '../policy';
import * as service from '../services/advice';
import { notFound } from '../errors';
import { signLetter } from '../services/letter';
import { verifyUrl } from './letter';
import { mailContext } from '../services/mail-context';
import { takeDossier } from '../speculative';
import type { TypedResponse } from 'hono';
import type { Dossier } from '../../schema/advice';

const idParam = z.object({ id: z.string() });
const createdShape = z.object({
  id: z.string(),
  status: z.enum(ADVICE_STATUSES),
  items: z.array(z.object({ id: z.string(), kind: z.enum(ITEM_KINDS), number: z.number(), section: z.string().nullable(), text: z.string() })),
});
const statusShape = z.object({ status: z.enum(ADVICE_STATUSES) });
const user = (c: { var: { principal: unknown } }) => c.var.principal as UserPrincipal;

export function registerAdviceRoutes(app: OpenAPIHono<AppEnv>) {
  app.openapi(
    apiRoute('orgMember', {
      method: 'post',
      path: '/api/v1/organisations/{slug}/advice',
      tags: ['Advice'],
      summary: 'Create an advice dossier (a draft) — council member or secretary',
      request: { params: z.object({ slug: z.string() }), body: jsonBody(adviceInputShape) },
      responses: { 201: jsonResponse('Created', createdShape), ...problemResponses(401, 403, 404, 413, 415, 422) },
    }),
    async (c) => c.json(await service.createAdvice(c.var.db, user(c), c.req.valid('json')), 201),
  );

  app.openapi(
    apiRoute('orgMember', {
      method: 'get',
      path: '/api/v1/organisations/{slug}/advice',
      tags: ['Advice'],
      summary: 'List dossiers (staff: all submitted ones; council roles: their council’s)',
      request: { params: z.object({ slug: z.string() }), query: z.object({ status: z.string().optional() }) },
      responses: { 200: jsonResponse('Dossiers', z.object({ items: z.array(dossierSummaryShape) })), ...problemResponses(401, 403, 404, 422) },
    }),
    async (c) => {
      const statuses = service.parseStatusFilter(c.req.valid('query').status);
      return c.json({ items: await service.listAdvice(c.var.db, user(c), c.req.valid('param').slug, statuses) }, 200);
    },
  );

  app.openapi(
    apiRoute('user', {
      method: 'get',
      path: '/api/v1/advice/{id}',
      tags: ['Advice'],
      summary: 'The whole dossier',
      request: { params: idParam },
      responses: { 200: jsonResponse('The dossier', dossierShape), ...problemResponses(401, 403, 404) },
    }),
    async (c) => {
      const id = c.req.valid('param').id;
      // Usually read along with the caller's token (speculative.ts); the same checks apply.
      const found = takeDossier(c, id) ?? (await service.getDossier(c.var.db, id));
      if (!found) throw notFound();
      authorizeAdvice(c.var.principal, found.row, 'view');
      // The dossier's JSON as read (the items are JSON from SQLite already), typed as the route's body.
      return c.body(found.jsonBody(), 200, { 'content-type': 'application/json' }) as unknown as TypedResponse<Dossier, 200, 'json'>;
    },
  );

  app.openapi(
    apiRoute('user', {
      method: 'put',
      path: '/api/v1/advice/{id}',
      tags: ['Advice'],
      summary: 'Replace a draft’s content',
      middleware: [adviceScope('edit')],
      request: { params: idParam, body: jsonBody(adviceInputShape) },
      responses: { 200: jsonResponse('Saved', createdShape), ...problemResponses(401, 403, 404, 409, 413, 415, 422) },
    }),
    async (c) => c.json(await service.updateAdvice(c.var.db, user(c), c.var.dossier, c.req.valid('json')), 200),
  );

  app.openapi(
    apiRoute('user', {
      method: 'post',
      path: '/api/v1/advice/{id}/submit',
      tags: ['Advice'],
      summary: 'Submit the advice formally — council secretary',
      middleware: [adviceScope('submit')],
      request: { params: idParam },
      responses: {
        200: jsonResponse('Submitted', z.object({ status: z.literal('submitted'), reference: z.string(), receivedOn: z.string(), dueOn: z.string() })),
        ...problemResponses(401, 403, 404, 409),
      },
    }),
    async (c) => c.json(await service.submitAdvice(c.var.db, user(c), c.var.dossier, mailContext(c.env, c.req.url)), 200),
  );

  app.openapi(
    apiRoute('user', {
      method: 'put',
      path: '/api/v1/advice/{id}/items/{itemId}/response',
      tags: ['Responses'],
      summary: 'Save the response to one item (optimistic concurrency by version)',
      middleware: [adviceScope('respond')],
      request: { params: idParam.extend({ itemId: z.string() }), body: jsonBody(responseInputShape) },
      responses: {
        200: jsonResponse(
          'Saved',
          z.object({ version: z.number(), text: z.string(), status: z.string(), updatedAt: z.string(), updatedBy: z.object({ id: z.string(), name: z.string() }) }),
        ),
        ...problemResponses(401, 403, 404, 409, 413, 415, 422),
      },
    }),
    async (c) => c.json(await service.saveResponse(c.var.db, user(c), c.var.dossier, c.req.valid('param').itemId, c.req.valid('json')), 200),
  );

  app.openapi(
    apiRoute('user', {
      method: 'post',
      path: '/api/v1/advice/{id}/request-approval',
      tags: ['Responses'],
      summary: 'Ask an approver to review and sign — official',
      middleware: [adviceScope('requestApproval')],
      request: { params: idParam },
      responses: { 200: jsonResponse('In review', statusShape), ...problemResponses(401, 403, 404, 409, 422) },
    }),
    async (c) => c.json(await service.requestApproval(c.var.db, user(c), c.var.dossier, mailContext(c.env, c.req.url)), 200),
  );

  app.openapi(
    apiRoute('user', {
      method: 'post',
      path: '/api/v1/advice/{id}/return',
      tags: ['Responses'],
      summary: 'Send the draft back with a comment — approver',
      middleware: [adviceScope('return')],
      request: { params: idParam, body: jsonBody(returnInputShape) },
      responses: { 200: jsonResponse('Back in progress', statusShape), ...problemResponses(401, 403, 404, 409, 413, 415, 422) },
    }),
    async (c) => c.json(await service.returnAdvice(c.var.db, user(c), c.var.dossier, c.req.valid('json').comment, mailContext(c.env, c.req.url)), 200),
  );

  app.openapi(
    apiRoute('user', {
      method: 'post',
      path: '/api/v1/advice/{id}/approve',
      tags: ['Responses'],
      summary: 'Approve and sign the letter — approver, not the one who requested approval',
      middleware: [adviceScope('approve')],
      request: { params: idParam },
      responses: {
        200: jsonResponse('Signed', z.object({ status: z.literal('signed'), letter: z.object({ sha256: z.string(), pages: z.number(), signedAt: z.string() }) })),
        ...problemResponses(401, 403, 404, 409),
      },
    }),
    async (c) =>
      c.json(
        await service.approveAdvice(c.var.db, user(c), c.var.dossier, (snapshot) => signLetter(c.env, snapshot, { verifyUrl: verifyUrl(c) }), mailContext(c.env, c.req.url)),
        200,
      ),
  );
}
