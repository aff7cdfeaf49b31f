/** Publication under the Woo: the staff's decision per dossier, and the public archive's JSON API. */
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { z } from '../../schema/zod';
import type { AppEnv, UserPrincipal } from '../context';
import { apiRoute, jsonBody, jsonResponse, problemResponses } from '../routing';
import {
  publicationInputShape,
  publicationSettingsInputShape,
  publicationSettingsShape,
  publicationShape,
  publicDossierShape,
  publicListQueryShape,
  publicListShape,
} from '../../schema/publication';
import { WOO_GROUNDS } from '../../schema/woo-grounds';
import { decidePublication, getPublicationSettings, isPublic, publicationView, setPublicationSettings } from '../services/publication';
import { getPublicDossier, getPublicLetter, listPublic, parsePublicQuery } from '../services/public-archive';
import { letterKey } from '../services/letter';
import { notFound } from '../errors';

const idParam = z.object({ id: z.string() });
const slugParam = z.object({ slug: z.string() });
const publicDossierParams = z.object({ slug: z.string(), id: z.string() });

/**
 * The public pages, feed and sitemaps: anyone may keep them, but must ask again before using them,
 * so that a dossier that is withheld disappears from every copy at the next request. (Every /api
 * answer is `no-store`, set for all of them in middleware/web-security.ts.)
 */
export const PUBLIC_CACHE = 'public, no-cache';

/**
 * A public signed document (a dossier's letter, a consultation's list; API and web): the stored
 * bytes under their hash, the hash as ETag. `found` null: not public, 404 as if it did not exist.
 */
export async function publicPdfResponse(c: Context<AppEnv>, found: { sha256: string; key: string; filename: string } | null): Promise<Response> {
  if (!found) throw notFound();
  const etag = `"${found.sha256}"`;
  const headers = { etag, 'cache-control': PUBLIC_CACHE, 'x-content-type-options': 'nosniff' };
  if (c.req.header('if-none-match') === etag) return new Response(null, { status: 304, headers });
  const object = await c.env.DOCUMENTS.get(found.key);
  if (!object) throw notFound();
  return new Response(object.body, {
    status: 200,
    headers: { ...headers, 'content-type': 'application/pdf', 'content-disposition': `inline; filename="${found.filename}"` },
  });
}

/** The signed letter of a public dossier (API and web). */
export async function publicLetterResponse(c: Context<AppEnv>, slug: string, id: string): Promise<Response> {
  const letter = await getPublicLetter(c.var.db, slug, id);
  return publicPdfResponse(c, letter && { sha256: letter.sha256, key: letterKey(letter.sha256, 'pdf'), filename: `reactie-${letter.reference}.pdf` });
}

export function registerPublicationRoutes(app: OpenAPIHono<AppEnv>) {
  app.openAPIRegistry.register(
    'WooGround',
    z.enum(WOO_GROUNDS.map((g) => g.code) as [string, ...string[]]).openapi({
      description: `The Woo article a decision not to publish rests on: ${WOO_GROUNDS.map((g) => `\`${g.code}\` ${g.label}`).join('; ')}.`,
    }),
  );

  app.openapi(
    apiRoute({ policy: 'user', load: 'advice', action: 'publish' }, {
      method: 'put',
      path: '/api/v1/advice/{id}/publication',
      tags: ['Publication'],
      summary: 'Publish the dossier once sent (the default), or withhold it with a reason — official or approver, any state',
      request: { params: idParam, body: jsonBody(publicationInputShape) },
      responses: { 200: jsonResponse('The decision, and whether the dossier is public now', publicationShape), ...problemResponses(401, 403, 404, 409, 413, 415, 422) },
    }),
    async (c) => c.json(await decidePublication(c.var.db, c.var.principal as UserPrincipal, c.var.advice, c.req.valid('json')), 200),
  );

  app.openapi(
    apiRoute({ policy: 'user', load: 'advice', action: 'viewPublication' }, {
      method: 'get',
      path: '/api/v1/advice/{id}/publication',
      tags: ['Publication'],
      summary: 'The publication decision of a dossier — admin, official or approver',
      request: { params: idParam },
      responses: { 200: jsonResponse('The decision, and whether the dossier is public now', publicationShape), ...problemResponses(401, 403, 404) },
    }),
    async (c) => c.json(publicationView(c.var.advice, await isPublic(c.var.db, c.var.advice.id)), 200),
  );

  app.openapi(
    apiRoute('orgAdmin', {
      method: 'get',
      path: '/api/v1/organisations/{slug}/publication-settings',
      tags: ['Publication'],
      summary: 'How the Woo-index knows the organisation (its TOOI code) — platform or org admin',
      request: { params: slugParam },
      responses: { 200: jsonResponse('The settings', publicationSettingsShape), ...problemResponses(401, 403, 404) },
    }),
    async (c) => c.json(await getPublicationSettings(c.var.db, c.req.valid('param').slug), 200),
  );

  app.openapi(
    apiRoute('orgAdmin', {
      method: 'put',
      path: '/api/v1/organisations/{slug}/publication-settings',
      tags: ['Publication'],
      summary: 'Set the organisation’s TOOI code, the publisher of its DiWoo sitemaps — platform or org admin',
      request: { params: slugParam, body: jsonBody(publicationSettingsInputShape) },
      responses: { 200: jsonResponse('The settings', publicationSettingsShape), ...problemResponses(401, 403, 404, 413, 415, 422) },
    }),
    async (c) => c.json(await setPublicationSettings(c.var.db, c.var.principal!, c.req.valid('param').slug, c.req.valid('json')), 200),
  );

  app.openapi(
    apiRoute('public', {
      method: 'get',
      path: '/api/v1/public/{slug}/advice',
      tags: ['Public archive'],
      summary: 'Published advice: newest first, or a full-text search (q) ranked by relevance — public',
      request: { params: slugParam, query: publicListQueryShape },
      responses: { 200: jsonResponse('At most 50 a page; `next` is the cursor of the next page', publicListShape), ...problemResponses(404, 422) },
    }),
    async (c) => {
      const { slug } = c.req.valid('param');
      const list = await listPublic(c.var.db, slug, parsePublicQuery(c.req.valid('query')));
      if (!list.organisation) throw notFound();
      return c.json({ items: list.items, next: list.next }, 200);
    },
  );

  app.openapi(
    apiRoute('public', {
      method: 'get',
      path: '/api/v1/public/{slug}/advice/{id}',
      tags: ['Public archive'],
      summary: 'One published dossier as sent: the advice, each response (text and status) and the signed letter’s hash — public',
      request: { params: publicDossierParams },
      responses: { 200: jsonResponse('The dossier as sent', publicDossierShape), ...problemResponses(404) },
    }),
    async (c) => {
      const { slug, id } = c.req.valid('param');
      const found = await getPublicDossier(c.var.db, slug, id);
      if (!found) throw notFound();
      return c.json(found.dossier, 200);
    },
  );

  app.openapi(
    apiRoute('public', {
      method: 'get',
      path: '/api/v1/public/{slug}/advice/{id}/letter.pdf',
      tags: ['Public archive'],
      summary: 'The signed letter of a published dossier, byte-identical to the one sent — public',
      request: { params: publicDossierParams },
      responses: {
        200: { description: 'The signed PDF', content: { 'application/pdf': { schema: z.string().openapi({ format: 'binary' }) } } },
        304: { description: 'Not modified (the letter’s SHA-256 is its ETag)' },
        ...problemResponses(404),
      },
    }),
    (c) => publicLetterResponse(c, c.req.valid('param').slug, c.req.valid('param').id),
  );
}
