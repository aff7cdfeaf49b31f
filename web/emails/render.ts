import type { ReactElement } from 'react';
import { render, toPlainText } from '@react-email/components';

export type RenderedMail = { html: string; text: string };

/**
 * One render per mail: the HTML as sent, and the plain-text part derived from that same HTML
 * (so the two can never say different things).
 */
export async function renderMail(element: ReactElement): Promise<RenderedMail> {
  const html = await render(element);
  return { html, text: toPlainText(html).trim() + '\n' };
}
