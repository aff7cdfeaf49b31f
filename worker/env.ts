import { z } from 'zod';

/** Bindings and vars of the Worker (wrangler.toml, .dev.vars, Worker secrets), as `checkEnv` accepts them. */
export type Env = {
  DB: D1Database;
  DOCUMENTS: R2Bucket;
  ADMIN_TOKEN: string;
  APP_NAME?: string;
  /** Exactly `development` (set only by `npm start` and the local test servers) enables the local helpers; anything else is production. */
  ENVIRONMENT?: string;
  MAIL_FROM?: string;
  RESEND_API_KEY?: string;
  RESEND_WEBHOOK_SECRET?: string;
  /**
   * The deployment's public origin (`https://wederwoord.example`): the only source of absolute URLs
   * (mails, the letter's verify address) and of the passkeys' relying party. Required outside
   * local development; a request for another host is refused.
   */
  PUBLIC_URL?: string;
  /** "off": queued mail waits for the cron instead of being delivered right after the request (tests). */
  MAIL_KICK?: string;
};

/** Local development (`npm start`), and nothing else: the one switch for the local helpers. */
export const isDevelopment = (env: Pick<Env, 'ENVIRONMENT'>) => env.ENVIRONMENT === 'development';

/** The local outbox replaces Resend exactly when no API key is configured. */
export const usesLocalOutbox = (env: Env) => !env.RESEND_API_KEY;

/** Demo helpers (demo sign-in) exist only in local development, never with a Resend key. */
export const isLocalDevelopment = (env: Env) => isDevelopment(env) && usesLocalOutbox(env);

/**
 * The local mailbox (/dev/outbox) is readable without signing in, so it must never serve a
 * deployment: it exists only in local development without a Resend key. An unset, misspelt or
 * other ENVIRONMENT (staging, test) behaves as production.
 */
export const localMailboxEnabled = (env: Env) => isLocalDevelopment(env);

const binding = <T>(name: string, method: string) =>
  z.custom<T>((v) => typeof v === 'object' && v !== null && typeof (v as Record<string, unknown>)[method] === 'function', {
    error: `the ${name} binding is missing (wrangler.toml)`,
  });

const text = z.string().optional();

/**
 * What the Worker needs from its environment. Parsed once per environment object (that is, once
 * per isolate) at the edge of the app and of the cron; other keys (test bindings) pass through.
 */
const envShape = z
  .looseObject({
    DB: binding<D1Database>('D1 "DB"', 'prepare'),
    DOCUMENTS: binding<R2Bucket>('R2 "DOCUMENTS"', 'put'),
    ADMIN_TOKEN: z
      .string({ error: 'the secret ADMIN_TOKEN is missing (npx wrangler secret put ADMIN_TOKEN; locally .dev.vars)' })
      .min(1, 'the secret ADMIN_TOKEN is empty'),
    APP_NAME: text,
    ENVIRONMENT: text,
    MAIL_FROM: text,
    RESEND_API_KEY: text,
    RESEND_WEBHOOK_SECRET: text,
    PUBLIC_URL: text,
    MAIL_KICK: text,
  })
  .transform((env, ctx) => {
    const raw = env.PUBLIC_URL?.trim();
    if (!raw) {
      if (!isDevelopment(env)) {
        ctx.addIssue({
          code: 'custom',
          path: ['PUBLIC_URL'],
          message: 'PUBLIC_URL is not set: outside local development it is required (wrangler.toml [vars], e.g. PUBLIC_URL = "https://wederwoord.example")',
        });
      }
      return { ...env, PUBLIC_URL: undefined };
    }
    let url: URL | null = null;
    try {
      url = new URL(raw);
    } catch {
      /* reported below */
    }
    const allowed = isDevelopment(env) ? ['https:', 'http:'] : ['https:'];
    if (!url || !allowed.includes(url.protocol) || url.pathname !== '/' || url.search || url.hash || url.username || url.password) {
      ctx.addIssue({
        code: 'custom',
        path: ['PUBLIC_URL'],
        message: `PUBLIC_URL must be an ${isDevelopment(env) ? 'http(s)' : 'https'} origin without a path, like https://wederwoord.example (it is ${JSON.stringify(raw)})`,
      });
      return env;
    }
    return { ...env, PUBLIC_URL: url.origin };
  });

export type EnvCheck = { ok: true; env: Env } | { ok: false; problems: string[] };

const checked = new WeakMap<object, EnvCheck>();

/**
 * The environment parsed and normalised (PUBLIC_URL as a bare origin), or what is wrong with it,
 * one line per problem. Cached per environment object: the parse runs once per isolate.
 */
export function checkEnv(raw: unknown): EnvCheck {
  const key = (raw ?? {}) as object;
  let result = checked.get(key);
  if (!result) {
    const parsed = envShape.safeParse(raw ?? {});
    result = parsed.success
      ? { ok: true, env: parsed.data as Env }
      : { ok: false, problems: parsed.error.issues.map((i) => (i.message.includes(String(i.path[0] ?? '')) ? i.message : `${String(i.path[0])}: ${i.message}`)) };
    checked.set(key, result);
  }
  return result;
}

/** The one log line of a Worker that cannot serve (each request and cron run that meets it). */
export const misconfiguration = (problems: string[]) => `wederwoord: not serving (503) until the configuration is fixed: ${problems.join('; ')}`;

/**
 * The origin of every absolute URL the app makes: PUBLIC_URL, and in local development only (where
 * it may be unset) the origin of the request at hand. Null only in local development without a
 * request (the cron).
 */
export function publicOrigin(env: Env, requestUrl?: string | null): string | null {
  if (env.PUBLIC_URL) return new URL(env.PUBLIC_URL).origin;
  return isDevelopment(env) && requestUrl ? new URL(requestUrl).origin : null;
}

/** publicOrigin for a request: always there once the edge let the request in. */
export function requestOrigin(env: Env, requestUrl: string): string {
  const origin = publicOrigin(env, requestUrl);
  if (!origin) throw new Error('no public origin: PUBLIC_URL is required outside local development');
  return origin;
}
