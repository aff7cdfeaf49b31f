import { describe, expect, it } from 'vitest';
import { api } from './support';
import { createApp } from '../worker/app';
import { routePolicies } from '../worker/routing';

type Operation = {
  security?: Record<string, string[]>[];
  parameters?: { in: string; name: string }[];
  requestBody?: { content: Record<string, { schema: unknown }> };
  responses: Record<string, { content?: Record<string, unknown> }>;
};
type Doc = { openapi: string; paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, any>; securitySchemes: Record<string, unknown> } };

const toOpenApiPath = (honoPath: string) => honoPath.replace(/:(\w+)/g, '{$1}');

describe('GET /api/v1/openapi.json', () => {
  const app = createApp();
  const apiRoutes = [...new Set(app.routes.filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/')).map((r) => `${r.method} ${r.path}`))].filter(
    (r) => r !== 'GET /api/v1/openapi.json',
  );

  it('is OpenAPI 3.1 and documents every API route of the route table, and nothing else', async () => {
    const res = await api('GET', '/api/v1/openapi.json');
    expect(res.status).toBe(200);
    const doc = res.body as Doc;
    expect(doc.openapi).toMatch(/^3\.1\./);
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    expect(documented.sort()).toEqual(apiRoutes.map((r) => r.replace(/ (.*)$/, (_, p: string) => ` ${toOpenApiPath(p)}`)).sort());
  });

  /** The one route whose body is a file's raw bytes (API.md, "Importing an advice letter"), with its three types. */
  const RAW_BODIES: Record<string, string[]> = {
    'POST /api/v1/organisations/:slug/imports': ['application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'application/pdf', 'text/plain'],
  };

  it('requires the bearer token exactly where the policy does, and documents problems and Idempotency-Key', async () => {
    const doc = (await api('GET', '/api/v1/openapi.json')).body as Doc;
    expect(doc.components.securitySchemes.bearer).toEqual({ type: 'http', scheme: 'bearer' });
    for (const route of apiRoutes) {
      const [method, path] = route.split(' ');
      const op = doc.paths[toOpenApiPath(path)][method.toLowerCase()];
      const isPublic = routePolicies.get(route) === 'public';
      expect(op.security, route).toEqual(isPublic ? [] : [{ bearer: [] }]);
      for (const [status, response] of Object.entries(op.responses)) {
        if (Number(status) >= 400) expect(Object.keys(response.content ?? {}), `${route} ${status}`).toEqual(['application/problem+json']);
      }
      if (!isPublic) expect(Object.keys(op.responses), route).toContain('401');
      if (['POST', 'PUT', 'PATCH'].includes(method)) {
        expect(op.parameters?.some((p) => p.in === 'header' && p.name === 'idempotency-key'), route).toBe(true);
      }
      if (op.requestBody) expect(Object.keys(op.requestBody.content), route).toEqual(RAW_BODIES[route] ?? ['application/json']);
    }
  });

  it('describes input shapes as closed (unknown fields are refused)', async () => {
    const { schemas } = ((await api('GET', '/api/v1/openapi.json')).body as Doc).components;
    for (const name of ['CreateOrganisation', 'CreateCouncil', 'CreateUser', 'AdviceInput', 'ResponseInput', 'ReturnInput', 'AdviceCreateInput', 'RegisterAdviceInput']) {
      expect(schemas[name]?.additionalProperties, name).toBe(false);
    }
    expect(schemas.ResponseInput.properties.status.enum).toEqual(['adopted', 'partly', 'declined', 'already_done', 'answered']);
    expect(schemas.Dossier.required).toEqual(expect.arrayContaining(['id', 'status', 'reference', 'receivedOn', 'dueOn', 'council', 'items', 'letter', 'sourceDocument']));
  });
});
