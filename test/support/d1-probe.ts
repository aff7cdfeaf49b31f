/**
 * A wrapper around a D1 binding that sees every round trip to the database: each
 * `first`/`all`/`run`/`raw` of a statement, each `batch` and each `exec` is one call. The round-trip
 * test counts the calls; the fault suite makes a chosen call fail the way D1 fails in production.
 */
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { createApp } from '../../worker/app';
import type { Env } from '../../worker/env';

export type D1CallKind = 'first' | 'all' | 'run' | 'raw' | 'batch' | 'exec';
export type D1Call = { index: number; kind: D1CallKind; sql: string[] };

/**
 * Called around each round trip. `before` may throw to make the call fail without reaching the
 * database; `after` may throw to make it fail although the database did the work (the answer
 * was lost on the way back, which D1 can do too); it also sees what the database answered.
 */
export type D1Interceptor = {
  before?: (call: D1Call) => void | Promise<void>;
  after?: (call: D1Call, result: unknown) => void;
};

const REAL = Symbol('real statement');
type Probed = { [REAL]: D1PreparedStatement; sql: string };

export function probeD1(db: D1Database, interceptor: D1Interceptor = {}) {
  const calls: D1Call[] = [];

  async function roundTrip<T>(kind: D1CallKind, sql: string[], run: () => Promise<T>): Promise<T> {
    const call: D1Call = { index: calls.length, kind, sql };
    calls.push(call);
    await interceptor.before?.(call);
    const result = await run();
    interceptor.after?.(call, result);
    return result;
  }

  function statement(real: D1PreparedStatement, sql: string) {
    return {
      [REAL]: real,
      sql,
      bind: (...values: unknown[]) => statement(real.bind(...values), sql),
      first: (column?: string) => roundTrip('first', [sql], () => (column === undefined ? real.first() : real.first(column))),
      all: () => roundTrip('all', [sql], () => real.all()),
      run: () => roundTrip('run', [sql], () => real.run()),
      raw: (options?: { columnNames?: boolean }) => roundTrip('raw', [sql], () => real.raw(options as { columnNames: true })),
    };
  }

  const probed = {
    prepare: (sql: string) => statement(db.prepare(sql), sql),
    batch: (statements: Probed[]) =>
      roundTrip(
        'batch',
        statements.map((s) => s.sql),
        () => db.batch(statements.map((s) => s[REAL])),
      ),
    exec: (sql: string) => roundTrip('exec', [sql], () => db.exec(sql)),
    withSession: () => {
      throw new Error('probeD1 does not wrap D1 sessions (the app does not use them)');
    },
  };

  return { db: probed as unknown as D1Database, calls };
}

/** The messages D1 answers with when a retry may cure the failure (as worker/errors.ts must recognise them). */
export const TRANSIENT_D1_MESSAGES = [
  'D1_ERROR: Network connection lost.',
  'D1_ERROR: D1 DB is overloaded. Requests queued for too long.',
  'D1_ERROR: D1 DB is overloaded. Too many requests queued.',
  'D1_ERROR: D1 DB storage operation exceeded timeout which caused object to be reset.',
  'D1_ERROR: Internal error while starting up D1 DB storage caused object to be reset.',
  'D1_ERROR: internal error in D1 DB storage caused object to be reset; reference = 4g5mg5npu9',
  'D1_ERROR: D1 DB reset because its code was updated.',
  'D1_ERROR: Cannot resolve D1 DB due to transient issue on remote node.',
] as const;

/** An error shaped like the one the D1 binding throws: the prefixed message, the bare one as cause. */
export function transientD1Error(message: string = TRANSIENT_D1_MESSAGES[0]) {
  return new Error(message, { cause: new Error(message.replace(/^D1_ERROR: /, '')) });
}

/**
 * One request through a fresh app whose D1 binding is `db`: the same middleware, routes and
 * error handling as the deployed Worker, with the database seen through a probe.
 */
export async function fetchWith(
  db: D1Database,
  method: string,
  path: string,
  opts: { token?: string; body?: unknown; form?: Record<string, string>; headers?: Record<string, string>; env?: Partial<Env> } = {},
) {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  let payload: BodyInit | undefined = opts.body === undefined ? undefined : JSON.stringify(opts.body);
  if (opts.form) {
    // A form post from our own page, as a browser sends it (the CSRF check wants the origin).
    payload = new URLSearchParams(opts.form);
    headers['content-type'] = 'application/x-www-form-urlencoded';
    headers.origin ??= 'https://app.test';
    headers['sec-fetch-site'] ??= 'same-origin';
  }
  const request = new Request(`https://app.test${path}`, { method, headers, body: payload, redirect: 'manual' });
  const ctx = createExecutionContext();
  const res = await app().fetch(request, { ...env, ...opts.env, DB: db }, ctx);
  await waitOnExecutionContext(ctx);
  const text = await res.text();
  let body: any = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    /* not JSON */
  }
  return { status: res.status, body, headers: res.headers };
}

let shared: ReturnType<typeof createApp> | undefined;
const app = () => (shared ??= createApp());
