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
};

/** The local outbox replaces Resend exactly when no API key is configured. */
export const usesLocalOutbox = (env: Env) => !env.RESEND_API_KEY;

/** Demo helpers (demo sign-in) exist only in local development, never with a Resend key. */
export const isLocalDevelopment = (env: Env) => env.ENVIRONMENT === 'development' && usesLocalOutbox(env);
