import { publicOrigin, type Env } from '../env';

/** What mails need beyond the dossier: the product's name and where its pages live. */
export type MailContext = { appName: string; baseUrl: string | null };

export const defaultMailContext: MailContext = { appName: 'Wederwoord', baseUrl: null };

/** Links go to PUBLIC_URL (in local development without it: the request's origin; none for the cron). */
export function mailContext(env: Env, requestUrl?: string): MailContext {
  return { appName: env.APP_NAME || 'Wederwoord', baseUrl: publicOrigin(env, requestUrl) };
}

/** Links in mails; one place, so that a change of the web app's paths is one edit. */
export const mailLinks = {
  dossier: (ctx: MailContext, adviceId: string) => (ctx.baseUrl ? `${ctx.baseUrl}/adviezen/${encodeURIComponent(adviceId)}` : null),
  consultation: (ctx: MailContext, consultationId: string) => (ctx.baseUrl ? `${ctx.baseUrl}/consultaties/${encodeURIComponent(consultationId)}` : null),
  verify: (ctx: MailContext, sha256: string, reference: string) =>
    ctx.baseUrl ? `${ctx.baseUrl}/verify?sha256=${sha256}&reference=${encodeURIComponent(reference)}` : null,
};
