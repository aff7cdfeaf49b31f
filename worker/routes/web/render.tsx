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

const encoder = new TextEncoder();

/** Markup rendered and encoded before (a cached item list), and the marker it stands in for. */
export type Slot = { marker: string; bytes: Uint8Array };

/**
 * A whole HTML page. Pages are personal: never stored by a shared cache.
 *
 * `slot` splices HTML that was rendered and encoded before into the page in place of the marker
 * comment that the page rendered exactly once (escaped text can never form one): the big part of
 * the page is then copied as bytes instead of being rendered and encoded again.
 */
export function page(c: WebContext, element: ReactElement, status = 200, slot?: Slot) {
  c.header('Cache-Control', 'no-store');
  const html = `<!doctype html>${renderToStaticMarkup(element)}`;
  const headers = { 'Content-Type': 'text/html; charset=UTF-8' };
  if (!slot) return c.body(encoder.encode(html) as Uint8Array<ArrayBuffer>, status as 200, headers);
  const at = html.indexOf(slot.marker);
  if (at < 0 || html.lastIndexOf(slot.marker) !== at) throw new Error(`page: the slot ${slot.marker} was not rendered exactly once`);
  // A Blob joins the parts natively (one copy, no zero-filled buffer).
  const parts = [encoder.encode(html.slice(0, at)), slot.bytes, encoder.encode(html.slice(at + slot.marker.length))];
  return c.body(new Blob(parts as Uint8Array<ArrayBuffer>[]) as unknown as Uint8Array<ArrayBuffer>, status as 200, headers);
}

/** A marker for `page`'s slot: an HTML comment, which no escaped text can contain. */
export const slotMarker = (name: string) => `<!--ww-slot:${name}-->`;

/** HTML rendered once and kept as UTF-8 bytes, for a slot of `page`. */
export const encodedMarkup = (element: ReactElement) => encoder.encode(renderToStaticMarkup(element));

/** After a POST: to the page that shows the result (so that a reload does not post again). */
export const seeOther = (c: WebContext, location: string) => c.redirect(location, 303);
