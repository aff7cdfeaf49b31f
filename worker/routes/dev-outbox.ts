import type { OpenAPIHono } from '@hono/zod-openapi';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import type { Context } from 'hono';
import { z } from '../../schema/zod';
import type { AppEnv } from '../context';
import { apiRoute, declarePolicy, jsonResponse, problemResponses } from '../routing';
import { devOutboxItemShape, devOutboxMailShape } from '../../schema/mail';
import { localMailboxEnabled } from '../env';
import { notFound } from '../errors';
import { devOutboxSummary, getOutboxRow, listOutbox } from '../services/local-mailbox';
import { DevOutboxListPage, DevOutboxMailPage } from '../../web/pages/dev-outbox';

/**
 * The local mailbox: readable without signing in, so it answers 404 whenever a Resend key is set
 * (and in production), exactly as if it did not exist.
 */
function requireLocalMailbox(c: Context<AppEnv>) {
  if (!localMailboxEnabled(c.env)) throw notFound();
}

const idParam = z.object({ id: z.string() });

async function loadMail(c: Context<AppEnv>, id: string) {
  requireLocalMailbox(c);
  const row = await getOutboxRow(c.var.db, id);
  if (!row) throw notFound();
  return row;
}

const page = (element: ReturnType<typeof createElement>) => `<!doctype html>${renderToString(element)}`;

export function registerDevOutboxRoutes(app: OpenAPIHono<AppEnv>) {
  app.openapi(
    apiRoute('public', {
      method: 'get',
      path: '/api/v1/dev/outbox',
      tags: ['Local mail outbox'],
      summary: 'Mails in the local outbox, newest first (only without RESEND_API_KEY; 404 otherwise)',
      request: { query: z.object({ adviceId: z.string().optional(), to: z.string().optional() }) },
      responses: { 200: jsonResponse('Mails', z.object({ items: z.array(devOutboxItemShape) })), ...problemResponses(404) },
    }),
    async (c) => {
      requireLocalMailbox(c);
      const rows = await listOutbox(c.var.db, c.req.valid('query'));
      return c.json({ items: rows.map(devOutboxSummary) }, 200);
    },
  );

  app.openapi(
    apiRoute('public', {
      method: 'get',
      path: '/api/v1/dev/outbox/{id}',
      tags: ['Local mail outbox'],
      summary: 'One mail with its HTML and plain text',
      request: { params: idParam },
      responses: { 200: jsonResponse('The mail', devOutboxMailShape), ...problemResponses(404) },
    }),
    async (c) => {
      const row = await loadMail(c, c.req.valid('param').id);
      return c.json({ ...devOutboxSummary(row), html: row.html, text: row.text }, 200);
    },
  );

  app.openapi(
    apiRoute('public', {
      method: 'get',
      path: '/api/v1/dev/outbox/{id}/attachments/{n}',
      tags: ['Local mail outbox'],
      summary: 'The bytes of attachment n (0-based, in the order of `attachments`)',
      request: { params: idParam.extend({ n: z.string().regex(/^\d+$/) }) },
      responses: { 200: { description: 'The attachment' }, ...problemResponses(404) },
    }),
    async (c) => {
      const { id, n } = c.req.valid('param');
      const row = await loadMail(c, id);
      const attachment = row.attachments[Number(n)];
      if (!attachment) throw notFound();
      const object = await c.env.DOCUMENTS.get(attachment.r2Key);
      if (!object) throw notFound();
      return new Response(object.body, {
        headers: {
          'content-type': attachment.contentType,
          'content-length': String(object.size),
          'content-disposition': `attachment; filename="${attachment.filename.replace(/["\\\r\n]/g, '_')}"`,
          'x-content-type-options': 'nosniff',
        },
      });
    },
  );

  // ---- pages ----
  declarePolicy('get', '/dev/outbox', 'public');
  app.get('/dev/outbox', async (c) => {
    requireLocalMailbox(c);
    const rows = await listOutbox(c.var.db);
    return c.html(page(createElement(DevOutboxListPage, { items: rows.map(devOutboxSummary), nonce: c.get('cspNonce') })));
  });

  declarePolicy('get', '/dev/outbox/{id}', 'public');
  app.get('/dev/outbox/:id', async (c) => {
    const row = await loadMail(c, c.req.param('id'));
    return c.html(page(createElement(DevOutboxMailPage, { mail: { ...devOutboxSummary(row), text: row.text }, nonce: c.get('cspNonce') })));
  });

  // The mail's HTML on its own, for the page's sandboxed iframe: no scripts, no same origin.
  declarePolicy('get', '/dev/outbox/{id}/html', 'public');
  app.get('/dev/outbox/:id/html', async (c) => {
    const row = await loadMail(c, c.req.param('id'));
    return new Response(row.html, {
      headers: {
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy': "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data: https:; base-uri 'none'; frame-ancestors 'self'",
        'x-frame-options': 'SAMEORIGIN',
      },
    });
  });
}
