/**
 * Publication of consultations' integral lists under the Woo: the staff's decision per consultation
 * (the body and answer of the advice's decision), and the public archive's JSON API of the lists.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { z } from '../../schema/zod';
import type { AppEnv, UserPrincipal } from '../context';
import { apiRoute, jsonBody, jsonResponse, problemResponses } from '../routing';
import { publicationInputShape, publicationShape } from '../../schema/publication';
import { publicConsultationListShape, publicConsultationQueryShape, publicConsultationShape } from '../../schema/public-consultations';
import { listFilename } from '../../schema/list-model';
import { consultationPublication, decideConsultationPublication } from '../services/consultation-publication';
import { getPublicConsultation, getPublicListPdf, listPublicConsultations, parseConsultationQuery } from '../services/public-consultations';
import { listKey } from '../services/consultation-list';
import { notFound } from '../errors';
import { publicPdfResponse } from './publication';

const idParam = z.object({ id: z.string() });
const slugParam = z.object({ slug: z.string() });
const publicParams = z.object({ slug: z.string(), id: z.string() });

/** The signed list of a published consultation (API and web): the stored PDF, byte for byte. */
export async function publicListResponse(c: Context<AppEnv>, slug: string, id: string): Promise<Response> {
  const list = await getPublicListPdf(c.var.db, slug, id);
  return publicPdfResponse(c, list && { sha256: list.sha256, key: listKey(list.sha256, 'pdf'), filename: listFilename(list.title, false, 'pdf') });
}

export function registerConsultationPublicationRoutes(app: OpenAPIHono<AppEnv>) {
  app.openapi(
    apiRoute({ policy: 'user', load: 'consultationRow', action: 'publish' }, {
      method: 'put',
      path: '/api/v1/consultations/{id}/publication',
      tags: ['Publication'],
      summary: 'Publish the consultation’s signed list once sent (the default), or withhold it with a reason — official or approver, any state',
      request: { params: idParam, body: jsonBody(publicationInputShape) },
      responses: { 200: jsonResponse('The decision, and whether the list is public now', publicationShape), ...problemResponses(401, 403, 404, 409, 413, 415, 422) },
    }),
    async (c) => c.json(await decideConsultationPublication(c.var.db, c.var.principal as UserPrincipal, c.var.consultation, c.req.valid('json')), 200),
  );

  app.openapi(
    apiRoute({ policy: 'user', load: 'consultationRow', action: 'viewPublication' }, {
      method: 'get',
      path: '/api/v1/consultations/{id}/publication',
      tags: ['Publication'],
      summary: 'The publication decision of a consultation’s list — admin, official or approver',
      request: { params: idParam },
      responses: { 200: jsonResponse('The decision, and whether the list is public now', publicationShape), ...problemResponses(401, 403, 404) },
    }),
    async (c) => c.json(await consultationPublication(c.var.db, c.var.consultation), 200),
  );

  app.openapi(
    apiRoute('public', {
      method: 'get',
      path: '/api/v1/public/{slug}/consultations',
      tags: ['Public archive'],
      summary: 'Published integral lists of consultations, newest first — public',
      request: { params: slugParam, query: publicConsultationQueryShape },
      responses: { 200: jsonResponse('At most 50 a page; `next` is the cursor of the next page', publicConsultationListShape), ...problemResponses(404, 422) },
    }),
    async (c) => {
      const page = await listPublicConsultations(c.var.db, c.req.valid('param').slug, parseConsultationQuery(c.req.valid('query')));
      if (!page.organisation) throw notFound();
      return c.json({ items: page.items, next: page.next }, 200);
    },
  );

  app.openapi(
    apiRoute('public', {
      method: 'get',
      path: '/api/v1/public/{slug}/consultations/{id}',
      tags: ['Public archive'],
      summary: 'One published integral list as signed: every participant’s remarks with the responses and processing codes, the legend — public',
      request: { params: publicParams },
      responses: { 200: jsonResponse('The list’s content', publicConsultationShape), ...problemResponses(404) },
    }),
    async (c) => {
      const { slug, id } = c.req.valid('param');
      const found = await getPublicConsultation(c.var.db, slug, id);
      if (!found) throw notFound();
      return c.json(found.consultation, 200);
    },
  );

  app.openapi(
    apiRoute('public', {
      method: 'get',
      path: '/api/v1/public/{slug}/consultations/{id}/list.pdf',
      tags: ['Public archive'],
      summary: 'The signed integral list of a published consultation, byte-identical to the one sent — public',
      request: { params: publicParams },
      responses: {
        200: { description: 'The signed PDF', content: { 'application/pdf': { schema: z.string().openapi({ format: 'binary' }) } } },
        304: { description: 'Not modified (the list’s SHA-256 is its ETag)' },
        ...problemResponses(404),
      },
    }),
    (c) => publicListResponse(c, c.req.valid('param').slug, c.req.valid('param').id),
  );
}
