import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from '../../schema/zod';
import type { AppEnv, UserPrincipal } from '../context';
import { apiRoute, jsonBody, jsonResponse, problemResponses } from '../routing';
import { adviceInputShape, dossierShape, dossierSummaryShape, responseInputShape, returnInputShape, ITEM_KINDS, ADVICE_STATUSES } from '../../schema/advice';
import { createAdvice, submitAdvice, updateAdvice } from '../services/advice-drafts';
import { listAdvicePage, MAX_PAGE, parsePageRequest, parseStatusFilter } from '../services/advice-list';
import { requestApproval, returnAdvice, saveResponse } from '../services/responses';
import { approveAdvice } from '../services/approval';
import { signLetter } from '../services/letter';
import { verifyUrl } from './letter';
import { mailContext } from '../services/mail-context';
import { adviceCreateShape } from '../../schema/imports';

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
      summary: 'Create an advice dossier (a draft) — council member or secretary; `importId` names the letter it was written from',
      request: { params: z.object({ slug: z.string() }), body: jsonBody(adviceCreateShape) },
      responses: { 201: jsonResponse('Created', createdShape), ...problemResponses(401, 403, 404, 409, 413, 415, 422) },
    }),
    async (c) => c.json(await createAdvice(c.var.db, user(c), c.req.valid('json')), 201),
  );

  app.openapi(
    apiRoute('orgMember', {
      method: 'get',
      path: '/api/v1/organisations/{slug}/advice',
      tags: ['Advice'],
      summary: 'List dossiers (staff: all submitted ones; council roles: their council’s), by due date; in pages with `limit` and `cursor`',
      request: {
        params: z.object({ slug: z.string() }),
        query: z.object({
          status: z.string().optional(),
          limit: z.string().optional().openapi({ description: `At most this many items (1–${MAX_PAGE}); then the answer has \`next\`` }),
          cursor: z.string().optional().openapi({ description: 'The `next` of the previous page' }),
        }),
      },
      responses: {
        200: jsonResponse(
          'Dossiers',
          z.object({ items: z.array(dossierSummaryShape), next: z.string().nullable().optional().openapi({ description: 'With `limit` or `cursor`: the next page’s cursor, or null' }) }),
        ),
        ...problemResponses(401, 403, 404, 422),
      },
    }),
    async (c) => {
      const query = c.req.valid('query');
      const filters = { statuses: parseStatusFilter(query.status) };
      const page = parsePageRequest(query);
      const { items, next } = await listAdvicePage(c.var.db, user(c), c.req.valid('param').slug, filters, page);
      return c.json(page.limit === null && page.cursor === null ? { items } : { items, next }, 200);
    },
  );

  app.openapi(
    apiRoute({ policy: 'user', load: 'dossier', action: 'view' }, {
      method: 'get',
      path: '/api/v1/advice/{id}',
      tags: ['Advice'],
      summary: 'The whole dossier',
      request: { params: idParam },
      responses: { 200: jsonResponse('The dossier', dossierShape), ...problemResponses(401, 403, 404) },
    }),
    (c) => c.json(c.var.dossier, 200),
  );

  app.openapi(
    apiRoute({ policy: 'user', load: 'advice', action: 'edit' }, {
      method: 'put',
      path: '/api/v1/advice/{id}',
      tags: ['Advice'],
      summary: 'Replace a draft’s content',
      request: { params: idParam, body: jsonBody(adviceInputShape) },
      responses: { 200: jsonResponse('Saved', createdShape), ...problemResponses(401, 403, 404, 409, 413, 415, 422) },
    }),
    async (c) => c.json(await updateAdvice(c.var.db, user(c), c.var.advice, c.req.valid('json')), 200),
  );

  app.openapi(
    apiRoute({ policy: 'user', load: 'advice', action: 'submit' }, {
      method: 'post',
      path: '/api/v1/advice/{id}/submit',
      tags: ['Advice'],
      summary: 'Submit the advice formally — council secretary',
      request: { params: idParam },
      responses: {
        200: jsonResponse('Submitted', z.object({ status: z.literal('submitted'), reference: z.string(), receivedOn: z.string(), dueOn: z.string() })),
        ...problemResponses(401, 403, 404, 409),
      },
    }),
    async (c) => c.json(await submitAdvice(c.var.db, user(c), c.var.advice, mailContext(c.env, c.req.url)), 200),
  );

  app.openapi(
    apiRoute({ policy: 'user', load: 'advice', action: 'respond' }, {
      method: 'put',
      path: '/api/v1/advice/{id}/items/{itemId}/response',
      tags: ['Responses'],
      summary: 'Save the response to one item (optimistic concurrency by version)',
      request: { params: idParam.extend({ itemId: z.string() }), body: jsonBody(responseInputShape) },
      responses: {
        200: jsonResponse(
          'Saved',
          z.object({ version: z.number(), text: z.string(), status: z.string(), updatedAt: z.string(), updatedBy: z.object({ id: z.string(), name: z.string() }) }),
        ),
        ...problemResponses(401, 403, 404, 409, 413, 415, 422),
      },
    }),
    async (c) => c.json(await saveResponse(c.var.db, user(c), c.var.advice, c.req.valid('param').itemId, c.req.valid('json')), 200),
  );

  app.openapi(
    apiRoute({ policy: 'user', load: 'advice', action: 'requestApproval' }, {
      method: 'post',
      path: '/api/v1/advice/{id}/request-approval',
      tags: ['Responses'],
      summary: 'Ask an approver to review and sign — official',
      request: { params: idParam },
      responses: { 200: jsonResponse('In review', statusShape), ...problemResponses(401, 403, 404, 409, 422) },
    }),
    async (c) => c.json(await requestApproval(c.var.db, user(c), c.var.advice, mailContext(c.env, c.req.url)), 200),
  );

  app.openapi(
    apiRoute({ policy: 'user', load: 'advice', action: 'return' }, {
      method: 'post',
      path: '/api/v1/advice/{id}/return',
      tags: ['Responses'],
      summary: 'Send the draft back with a comment — approver',
      request: { params: idParam, body: jsonBody(returnInputShape) },
      responses: { 200: jsonResponse('Back in progress', statusShape), ...problemResponses(401, 403, 404, 409, 413, 415, 422) },
    }),
    async (c) => c.json(await returnAdvice(c.var.db, user(c), c.var.advice, c.req.valid('json').comment, mailContext(c.env, c.req.url)), 200),
  );

  app.openapi(
    apiRoute({ policy: 'user', load: 'advice', action: 'approve' }, {
      method: 'post',
      path: '/api/v1/advice/{id}/approve',
      tags: ['Responses'],
      summary: 'Approve and sign the letter — approver, not the one who requested approval',
      request: { params: idParam },
      responses: {
        200: jsonResponse('Signed', z.object({ status: z.literal('signed'), letter: z.object({ sha256: z.string(), pages: z.number(), signedAt: z.string() }) })),
        ...problemResponses(401, 403, 404, 409),
      },
    }),
    async (c) =>
      c.json(
        await approveAdvice(c.var.db, user(c), c.var.advice, (snapshot) => signLetter(c.env, snapshot, { verifyUrl: verifyUrl(c) }), mailContext(c.env, c.req.url)),
        200,
      ),
  );
}
