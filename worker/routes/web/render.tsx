import type { Context } from 'hono';
import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { AppEnv } from '../../context';
import type { Chrome } from '../../../web/components/layout';
import { logoUrl } from './branding';

export type WebContext = Context<AppEnv>;

/** What the page chrome shows for this request: the signed-in user and their organisation's look. */
export function chrome(c: WebContext): Chrome {
  const p = c.var.principal;
  const s = c.var.session;
  const viewer =
    p?.kind === 'user' && s ? { name: p.name, role: p.role, orgName: s.orgName, orgSlug: p.orgSlug, councilName: s.councilName } : null;
  const brand = p?.kind === 'user' && s ? { orgName: s.orgName, colour: s.theme.colour ?? null, logoUrl: logoUrl(p.orgSlug, s.theme) } : null;
  return { nonce: c.var.cspNonce, viewer, brand };
}

/** A whole HTML page. Pages are personal: never stored by a shared cache. */
export function page(c: WebContext, element: ReactElement, status = 200) {
  c.header('Cache-Control', 'no-store');
  return c.html(`<!doctype html>${renderToStaticMarkup(element)}`, status as 200);
}

/** After a POST: to the page that shows the result (so that a reload does not post again). */
export const seeOther = (c: WebContext, location: string) => c.redirect(location, 303);
