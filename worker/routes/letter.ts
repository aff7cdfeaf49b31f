import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { z } from '../../schema/zod';
import type { AppEnv } from '../context';
import { apiRoute, declarePolicy, jsonResponse, problemResponses } from '../routing';
import { verificationShape, verifyQueryShape } from '../../schema/letter';
import { CONTENT_TYPES, letterDocument, signedLetterEtag, type LetterDocument, type LetterFormat } from '../services/letter';
import { verifyDocument } from '../services/verify';
import type { AdviceRow } from '../../schema/advice';
import { renderVerifyPage, type VerifyResult } from '../../web/pages/verify';
import { nl } from '../../schema/i18n/nl';
import { requestOrigin } from '../env';

/** The public address of the verify page, printed in every letter. */
export function verifyUrl(c: Context<AppEnv>): string {
  return `${requestOrigin(c.env, c.req.url)}/verify`;
}

/** The stored letter is a document of its own: it may only style itself, never run or load anything. */
const LETTER_HTML_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

const binary = (type: string) => ({ [type.split(';')[0]]: { schema: z.string().openapi({ format: 'binary' }) } });

function letterRoute(format: LetterFormat) {
  return apiRoute({ policy: 'user', load: 'advice', action: 'viewLetter' }, {
    method: 'get',
    path: `/api/v1/advice/{id}/letter.${format}`,
    tags: ['Letter'],
    summary:
      format === 'pdf'
        ? 'The letter as PDF: a concept before signing, the stored signed PDF (byte-identical) after'
        : 'The letter as HTML: a concept before signing, the frozen HTML after',
    request: { params: z.object({ id: z.string() }) },
    responses: {
      200: { description: 'The letter', content: binary(CONTENT_TYPES[format]) },
      304: { description: 'Not modified (signed letters carry their hash as ETag)' },
      ...problemResponses(401, 403, 404),
    },
  });
}

/**
 * The letter of a dossier the caller may read, for the API and the web pages alike: a concept
 * before signing, the stored bytes after (with their hash as ETag). `download` asks the browser
 * to save the file rather than show it. The HTML may only be framed by our own pages.
 */
export function letterResponse(c: Context<AppEnv>, row: AdviceRow, format: LetterFormat, { download = false } = {}): Promise<Response> {
  return documentResponse(c, { etag: signedLetterEtag(row, format), load: () => letterDocument(c.env, c.var.db, row, format, { verifyUrl: verifyUrl(c) }) }, format, { download });
}

/**
 * A signed document (a letter, an integral list) or its concept: `etag` is the signed document's
 * (null before signing), `load` reads the stored bytes or renders the concept.
 */
export async function documentResponse(
  c: Context<AppEnv>,
  doc: { etag: string | null; load: () => Promise<LetterDocument> },
  format: LetterFormat,
  { download = false } = {},
): Promise<Response> {
  // The document's own policy, also on a 304: the browser applies a 304's headers to what it kept
  // (without it, the pages' own policy would be added and forbid the framing).
  const policy: Record<string, string> =
    format === 'html' ? { 'content-security-policy': LETTER_HTML_CSP, 'x-frame-options': 'SAMEORIGIN' } : {};
  const etag = doc.etag;
  // A signed document never changes: a browser that has it needs neither storage nor rendering.
  if (etag && c.req.header('if-none-match') === etag) {
    return new Response(null, { status: 304, headers: { etag, 'cache-control': 'private, no-cache', ...policy } });
  }
  const loaded = await doc.load();
  const headers = new Headers({
    'content-type': CONTENT_TYPES[format],
    'content-disposition': `${download ? 'attachment' : 'inline'}; filename="${loaded.filename}"`,
    'x-content-type-options': 'nosniff',
    // A signed document never changes but stays private; a concept changes with every edit.
    'cache-control': loaded.signed ? 'private, no-cache' : 'no-store',
    ...policy,
  });
  if (loaded.etag) headers.set('etag', loaded.etag);
  return new Response(loaded.body, { status: 200, headers });
}

export function registerLetterRoutes(app: OpenAPIHono<AppEnv>) {
  app.openapi(letterRoute('pdf'), (c) => letterResponse(c, c.var.advice, 'pdf'));
  app.openapi(letterRoute('html'), (c) => letterResponse(c, c.var.advice, 'html'));

  app.openapi(
    apiRoute('public', {
      method: 'get',
      path: '/api/v1/verify',
      tags: ['Letter'],
      summary: 'Whether a signed letter or integral list has exactly this SHA-256 (and, if given, this reference: a letter’s “ons kenmerk”, a list’s title) — public',
      request: { query: verifyQueryShape },
      responses: { 200: jsonResponse('The answer', verificationShape), ...problemResponses(422) },
    }),
    async (c) => c.json(await verifyDocument(c.var.db, c.req.valid('query')), 200),
  );

  declarePolicy('get', '/verify', 'public');
  app.get('/verify', async (c) => {
    const reference = (c.req.query('reference') ?? '').slice(0, 300).trim();
    const sha256 = (c.req.query('sha256') ?? '').slice(0, 200).trim().toLowerCase();
    let result: VerifyResult | null = null;
    let problem: string | null = null;
    if (c.req.query('sha256') !== undefined) {
      if (!sha256) problem = nl.verify.noInput;
      else if (!/^[0-9a-f]{64}$/.test(sha256)) problem = nl.verify.badSha;
      else result = await verifyDocument(c.var.db, { sha256, reference });
    }
    // The pages' one set of security headers (its CSP names this nonce) comes from securityHeaders.
    return c.html(renderVerifyPage({ reference, sha256, result, problem, nonce: c.get('cspNonce') }), 200);
  });
}
