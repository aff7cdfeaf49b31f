/** The JSON API of consultations and the integral list (API.md, "Consultations and the integral list"). */
import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from '../../schema/zod';
import type { AppEnv, UserPrincipal } from '../context';
import { apiRoute, jsonBody, jsonResponse, problemResponses } from '../routing';
import {
  CONSULTATION_STATUSES,
  consultationInputShape,
  consultationReturnShape,
  consultationShape,
  consultationSummaryShape,
  remarkInputShape,
  remarkResponseInputShape,
  remarkResponseShape,
} from '../../schema/consultations';
import * as service from '../services/consultations';
import { saveRemarkResponse } from '../services/consultation-responses';
import { approveList, requestListApproval, returnList, sendList } from '../services/consultation-review';
import { listDocument, signList, signedListEtag } from '../services/consultation-list';
import { CONTENT_TYPES, type LetterFormat } from '../services/letter';
import { mailContext } from '../services/mail-context';
import { documentResponse, verifyUrl } from './letter';
import type { Context } from 'hono';

const idParam = z.object({ id: z.string() });
const slugParam = z.object({ slug: z.string() });
const statusShape = z.object({ status: z.enum(CONSULTATION_STATUSES) });
const user = (c: { var: { principal: unknown } }) => c.var.principal as UserPrincipal;
const binary = (type: string) => ({ [type.split(';')[0]]: { schema: z.string().openapi({ format: 'binary' }) } });

/** The integral list of a consultation the caller may read: a concept before signing, the stored bytes after. */
export function listResponse(c: Context<AppEnv>, row: service.ConsultationScope, format: LetterFormat, opts: { download?: boolean } = {}) {
  return documentResponse(c, { etag: signedListEtag(row, format), load: () => listDocument(c.env, c.var.db, row, format, { verifyUrl: verifyUrl(c) }) }, format, opts);
}

function listRoute(format: LetterFormat) {
  return apiRoute({ policy: 'user', load: 'consultationRow', action: 'viewList' }, {
    method: 'get',
    path: `/api/v1/consultations/{id}/list.${format}`,
    tags: ['Consultations'],
    summary: `The integral list as ${format.toUpperCase()}: a concept before signing, the stored signed list (byte-identical) after`,
    request: { params: idParam },
    responses: {
      200: { description: 'The integral list', content: binary(CONTENT_TYPES[format]) },
      304: { description: 'Not modified (a signed list carries its hash as ETag)' },
      ...problemResponses(401, 403, 404),
    },
  });
}

export function registerConsultationRoutes(app: OpenAPIHono<AppEnv>) {
  app.openapi(
    apiRoute('orgMember', {
      method: 'post',
      path: '/api/v1/organisations/{slug}/consultations',
      tags: ['Consultations'],
      summary: 'Start a consultation: a policy document put to councils and outside bodies — official',
      request: { params: slugParam, body: jsonBody(consultationInputShape) },
      responses: {
        201: jsonResponse('Started', z.object({ id: z.string(), status: z.literal('open'), participants: z.array(z.object({ id: z.string(), name: z.string() })) })),
        ...problemResponses(401, 403, 404, 413, 415, 422),
      },
    }),
    async (c) => c.json(await service.createConsultation(c.var.db, user(c), c.req.valid('json')), 201),
  );

  app.openapi(
    apiRoute('orgMember', {
      method: 'get',
      path: '/api/v1/organisations/{slug}/consultations',
      tags: ['Consultations'],
      summary: 'List consultations (staff: all; council roles: those their council takes part in)',
      request: { params: slugParam },
      responses: { 200: jsonResponse('Consultations', z.object({ items: z.array(consultationSummaryShape) })), ...problemResponses(401, 403, 404) },
    }),
    async (c) => c.json({ items: await service.listConsultations(c.var.db, user(c), c.req.valid('param').slug) }, 200),
  );

  app.openapi(
    apiRoute({ policy: 'user', load: 'consultation', action: 'view' }, {
      method: 'get',
      path: '/api/v1/consultations/{id}',
      tags: ['Consultations'],
      summary: 'The whole consultation (a council member: their own council’s remarks, and responses once the list is sent)',
      request: { params: idParam },
      responses: { 200: jsonResponse('The consultation', consultationShape), ...problemResponses(401, 403, 404) },
    }),
    async (c) => c.json(service.consultationFor(user(c), c.var.consultationRead), 200),
  );

  app.openapi(
    apiRoute({ policy: 'user', load: 'consultationRow', action: 'addRemark' }, {
      method: 'post',
      path: '/api/v1/consultations/{id}/remarks',
      tags: ['Consultations'],
      summary: 'Add a remark — official (any participant) or a council member/secretary (their own council); only while open',
      request: { params: idParam, body: jsonBody(remarkInputShape) },
      responses: { 201: jsonResponse('Added', z.object({ id: z.string(), number: z.number() })), ...problemResponses(401, 403, 404, 409, 413, 415, 422) },
    }),
    async (c) => {
      const { participantId, ...remark } = c.req.valid('json');
      const [added] = await service.addRemarks(c.var.db, user(c), c.var.consultation, participantId, [remark]);
      return c.json(added, 201);
    },
  );

  app.openapi(
    apiRoute({ policy: 'user', load: 'consultationRow', action: 'close' }, {
      method: 'post',
      path: '/api/v1/consultations/{id}/close',
      tags: ['Consultations'],
      summary: 'Close the round: no more remarks — official',
      request: { params: idParam },
      responses: { 200: jsonResponse('Closed', statusShape), ...problemResponses(401, 403, 404, 409) },
    }),
    async (c) => c.json(await service.closeConsultation(c.var.db, user(c), c.var.consultation), 200),
  );

  app.openapi(
    apiRoute({ policy: 'user', load: 'consultationRow', action: 'respond' }, {
      method: 'put',
      path: '/api/v1/consultations/{id}/remarks/{remarkId}/response',
      tags: ['Consultations'],
      summary: 'Save the response to one remark: its own text or the same as another remark’s; processing codes from the legend (optimistic concurrency by version)',
      request: { params: idParam.extend({ remarkId: z.string() }), body: jsonBody(remarkResponseInputShape) },
      responses: { 200: jsonResponse('Saved', remarkResponseShape), ...problemResponses(401, 403, 404, 409, 413, 415, 422) },
    }),
    async (c) => c.json(await saveRemarkResponse(c.var.db, user(c), c.var.consultation, c.req.valid('param').remarkId, c.req.valid('json')), 200),
  );

  app.openapi(
    apiRoute({ policy: 'user', load: 'consultationRow', action: 'requestApproval' }, {
      method: 'post',
      path: '/api/v1/consultations/{id}/request-approval',
      tags: ['Consultations'],
      summary: 'Ask an approver to review and sign the list — official; 409 unless closed, 422 listing unanswered remarks',
      request: { params: idParam },
      responses: { 200: jsonResponse('In review', statusShape), ...problemResponses(401, 403, 404, 409, 422) },
    }),
    async (c) => c.json(await requestListApproval(c.var.db, user(c), c.var.consultation, mailContext(c.env, c.req.url)), 200),
  );

  app.openapi(
    apiRoute({ policy: 'user', load: 'consultationRow', action: 'return' }, {
      method: 'post',
      path: '/api/v1/consultations/{id}/return',
      tags: ['Consultations'],
      summary: 'Send the list back with a comment (responses can change again) — approver',
      request: { params: idParam, body: jsonBody(consultationReturnShape) },
      responses: { 200: jsonResponse('Back to closed', statusShape), ...problemResponses(401, 403, 404, 409, 413, 415, 422) },
    }),
    async (c) => c.json(await returnList(c.var.db, user(c), c.var.consultation, c.req.valid('json').comment, mailContext(c.env, c.req.url)), 200),
  );

  app.openapi(
    apiRoute({ policy: 'user', load: 'consultationRow', action: 'approve' }, {
      method: 'post',
      path: '/api/v1/consultations/{id}/approve',
      tags: ['Consultations'],
      summary: 'Approve and sign the list (frozen, stored under its SHA-256) — approver, not the one who requested approval',
      request: { params: idParam },
      responses: {
        200: jsonResponse('Signed', z.object({ status: z.literal('signed'), list: z.object({ sha256: z.string(), pages: z.number(), signedAt: z.string() }) })),
        ...problemResponses(401, 403, 404, 409),
      },
    }),
    async (c) =>
      c.json(
        await approveList(c.var.db, user(c), c.var.consultation, (snapshot) => signList(c.env, snapshot, { verifyUrl: verifyUrl(c) }), mailContext(c.env, c.req.url)),
        200,
      ),
  );

  app.openapi(
    apiRoute({ policy: 'user', load: 'consultation', action: 'send' }, {
      method: 'post',
      path: '/api/v1/consultations/{id}/send',
      tags: ['Consultations'],
      summary: 'Send the signed list to every participant’s recipients — official or approver',
      request: { params: idParam },
      responses: { 202: jsonResponse('Queued for delivery', z.object({ status: z.literal('sent') })), ...problemResponses(401, 403, 404, 409) },
    }),
    async (c) => c.json(await sendList(c.var.db, c.env.DOCUMENTS, mailContext(c.env, c.req.url), user(c), c.var.consultationRead), 202),
  );

  app.openapi(listRoute('pdf'), (c) => listResponse(c, c.var.consultation, 'pdf'));
  app.openapi(listRoute('html'), (c) => listResponse(c, c.var.consultation, 'html'));
}
