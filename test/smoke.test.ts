import { exports } from 'cloudflare:workers';
import { expect, it } from 'vitest';

it('serves the OpenAPI document', async () => {
  const res = await exports.default.fetch('https://app.test/api/v1/openapi.json');
  expect(res.status).toBe(200);
  const doc = (await res.json()) as { openapi: string; paths: Record<string, unknown> };
  expect(doc.openapi).toBe('3.1.0');
  expect(Object.keys(doc.paths)).toContain('/api/v1/advice/{id}');
});
