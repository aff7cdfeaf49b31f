/** The two parts of an organisation's public archive (advice, consultation lists) as tabs: plain links, the current one marked. */
import { nl } from '../../schema/i18n/nl';

const t = nl.publication.lists.tabs;

export const archivePath = (slug: string) => `/openbaar/${encodeURIComponent(slug)}`;
export const listsPath = (slug: string) => `${archivePath(slug)}/consultaties`;

export function ArchiveTabs({ slug, current }: { slug: string; current: 'advice' | 'lists' }) {
  const tabs = [
    { key: 'advice', href: archivePath(slug), label: t.advice },
    { key: 'lists', href: listsPath(slug), label: t.lists },
  ] as const;
  return (
    <nav className="ww-tabs" aria-label={t.label}>
      <ul className="ww-tabs__list">
        {tabs.map((tab) => (
          <li key={tab.key}>
            <a className="ww-tabs__link" href={tab.href} aria-current={tab.key === current ? 'page' : undefined}>
              {tab.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
