import { env } from 'cloudflare:workers';
import { expect } from 'vitest';
import type { ApiResult } from './api';

/**
 * Asserts an RFC 9457 answer as API.md promises it: the status, `application/problem+json`,
 * the standard members, and (when given) exactly one `errors` entry per offending field.
 */
export function expectProblem(res: ApiResult, status: number, paths?: string[]) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ type: expect.any(String), title: expect.any(String), status, detail: expect.any(String) });
  if (paths) {
    const errors = res.body.errors as { path: string; message: string }[];
    expect(errors.map((e) => e.path).sort()).toEqual([...paths].sort());
    for (const e of errors) expect(e.message).toMatch(/\S/);
  }
  return res.body as { detail: string; errors?: { path: string; message: string }[]; [k: string]: unknown };
}

/** The message of the error entry at `path`. */
export const messageAt = (res: ApiResult, path: string) =>
  (res.body.errors as { path: string; message: string }[]).find((e) => e.path === path)?.message;

/** Dutch messages only: common Dutch words and none of the English ones zod would use otherwise. */
export function expectDutch(text: string | undefined) {
  expect(text).toBeTruthy();
  expect(text).not.toMatch(/\b(Invalid|Required|expected|must|Unrecognized|received)\b/);
}

export type AuditRow = { action: string; actor_id: string | null; from_status: string | null; to_status: string | null; org_id: string | null; detail: string | null };

/** The audit rows of one entity, oldest first, read straight from D1. */
export async function auditOf(entityId: string): Promise<AuditRow[]> {
  const { results } = await env.DB.prepare('SELECT action, actor_id, from_status, to_status, org_id, detail FROM audit_log WHERE entity_id = ? ORDER BY id')
    .bind(entityId)
    .all<AuditRow>();
  return results;
}

export async function count(sql: string, ...params: unknown[]): Promise<number> {
  const row = await env.DB.prepare(sql).bind(...params).first<{ n: number }>();
  return row?.n ?? 0;
}
