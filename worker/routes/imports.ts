/**
 * Importing an advice letter and registering a received advice (API.md, "Version 1 additions"):
 * upload a letter (raw bytes), fetch its original, register advice from it, fetch a dossier's
 * source document.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from '../../schema/zod';
import type { AppEnv, UserPrincipal } from '../context';
import { apiRoute, jsonBody, jsonResponse, problemResponses } from '../routing';
import { importShape, registerInputShape, registeredShape } from '../../schema/imports';
import { createImport, importFor, originalHeaders, originalOf, sourceOfAdvice } from '../services/imports';
import { registerAdvice } from '../services/registration';
import { mailContext } from '../services/mail-context';
import { IMPORT_TYPES } from '../services/import/read';
import { notFound } from '../errors';

const user = (c: { var: { principal: unknown } }) => c.var.principal as UserPrincipal;
const binary = { schema: { type: 'string' as const, format: 'binary' } };
const originalContent = {
  [IMPORT_TYPES.docx]: binary,
  [IMPORT_TYPES.pdf]: binary,
  [IMPORT_TYPES.text]: { schema: { type: 'string' as const } },
};

export function registerImportRoutes(app: OpenAPIHono<AppEnv>) {
  app.openapi(
    apiRoute('orgMember', {
      method: 'post',
      path: '/api/v1/organisations/{slug}/imports',
      tags: ['Import'],
      summary: 'Read an advice letter (Word, PDF, text; the raw bytes, up to 10 MiB) and propose its split — official, approver, council member or secretary',
      description:
        'The original is stored unchanged (its SHA-256 is returned). The draft is a proposal for a person to check; nothing is stored as advice. A PDF without text (a scan) is 201 with no items and a warning.',
      request: {
        params: z.object({ slug: z.string() }),
        query: z.object({ filename: z.string().max(1000).optional() }),
        body: { required: true, content: originalContent },
      },
      responses: { 201: jsonResponse('Read', importShape), ...problemResponses(401, 403, 404, 413, 415, 422) },
    }),
    async (c) => {
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      const { reading: _reading, ...result } = await createImport(c.var.db, c.env.DOCUMENTS, user(c), {
        bytes,
        contentType: c.req.header('content-type'),
        filename: c.req.valid('query').filename,
      });
      return c.json(result, 201);
    },
  );

  app.openapi(
    apiRoute('user', {
      method: 'get',
      path: '/api/v1/imports/{id}/file',
      tags: ['Import'],
      summary: 'The imported original, byte-identical — its uploader, officials and approvers of the organisation',
      request: { params: z.object({ id: z.string() }) },
      responses: { 200: { description: 'The original file', content: originalContent }, ...problemResponses(401, 403, 404) },
    }),
    async (c) => {
      const row = await importFor(c.var.db, user(c), c.req.valid('param').id);
      const object = await originalOf(c.env.DOCUMENTS, row);
      return new Response(object.body, { status: 200, headers: originalHeaders(row) }) as never;
    },
  );

  app.openapi(
    apiRoute('orgMember', {
      method: 'post',
      path: '/api/v1/organisations/{slug}/advice/register',
      tags: ['Import'],
      summary: 'Register a received advice: submitted at once, with its reference and due date counted from receivedOn — official',
      request: { params: z.object({ slug: z.string() }), body: jsonBody(registerInputShape) },
      responses: { 201: jsonResponse('Registered', registeredShape), ...problemResponses(401, 403, 404, 409, 413, 415, 422) },
    }),
    async (c) => c.json(await registerAdvice(c.var.db, user(c), c.req.valid('json'), mailContext(c.env, c.req.url)), 201),
  );

  app.openapi(
    apiRoute({ policy: 'user', load: 'advice', action: 'view' }, {
      method: 'get',
      path: '/api/v1/advice/{id}/source',
      tags: ['Import'],
      summary: 'The original letter the dossier was made from, byte-identical — everyone who may read the dossier',
      request: { params: z.object({ id: z.string() }) },
      responses: { 200: { description: 'The original file', content: originalContent }, ...problemResponses(401, 403, 404) },
    }),
    async (c) => {
      const row = await sourceOfAdvice(c.var.db, c.var.advice.id);
      if (!row) throw notFound();
      const object = await originalOf(c.env.DOCUMENTS, row);
      return new Response(object.body, { status: 200, headers: originalHeaders(row) }) as never;
    },
  );
}
