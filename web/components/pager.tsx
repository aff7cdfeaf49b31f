/** Paging through a list with a cursor: the next page, and the way back to the first (no page numbers: keyset paging has none). */
import { nl } from '../../schema/i18n/nl';

export function Pager({ first, next }: { first: string | null; next: string | null }) {
  if (!first && !next) return null;
  const t = nl.adviceList;
  return (
    <nav className="ww-pager" aria-label={t.pageNav}>
      {first && (
        <a className="utrecht-link utrecht-link--html-a" href={first}>
          {t.first}
        </a>
      )}
      {next && (
        <a className="utrecht-link utrecht-link--html-a" href={next} rel="next">
          {t.next}
        </a>
      )}
    </nav>
  );
}

/** The current address with the cursor parameter `na` set (or removed), other parameters kept. */
export function withCursor(path: string, params: Record<string, string | undefined>, cursor: string | null) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) q.set(k, v);
  if (cursor) q.set('na', cursor);
  const s = q.toString();
  return `${path}${s ? `?${s}` : ''}`;
}
