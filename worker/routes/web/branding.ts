import type { Theme } from '../../../schema/organisations';

/** The logo's URL carries its content key, so that a new logo is a new URL and the old one may be cached long. */
export function logoUrl(slug: string, theme: Theme): string | null {
  if (!theme.logoKey) return null;
  return `/organisaties/${slug}/logo?v=${encodeURIComponent(theme.logoKey.split('/').pop() ?? '')}`;
}
