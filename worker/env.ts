/** Bindings and vars of the Worker (wrangler.toml, .dev.vars, Worker secrets). */
export type Env = {
  DB: D1Database;
  DOCUMENTS: R2Bucket;
  ADMIN_TOKEN: string;
  APP_NAME?: string;
  ENVIRONMENT?: string;
  MAIL_FROM?: string;
  RESEND_API_KEY?: string;
  RESEND_WEBHOOK_SECRET?: string;
  /** Public base URL used in mails (links to the app); defaults to the request's origin. */
  PUBLIC_URL?: string;
  /** "off": queued mail waits for the cron instead of being delivered right after the request (tests). */
  MAIL_KICK?: string;
};

/** The local outbox replaces Resend exactly when no API key is configured. */
export const usesLocalOutbox = (env: Env) => !env.RESEND_API_KEY;

/** Demo helpers (demo sign-in) exist only in local development, never with a Resend key. */
export const isLocalDevelopment = (env: Env) => env.ENVIRONMENT === 'development' && usesLocalOutbox(env);

/**
 * The local mailbox (/dev/outbox) is readable without signing in, so it must never serve a
 * deployment: it exists only without a Resend key and outside production.
 */
export const localMailboxEnabled = (env: Env) => usesLocalOutbox(env) && env.ENVIRONMENT !== 'production';
