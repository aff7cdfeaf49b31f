import type { ReactNode } from 'react';
import { nl } from '../../schema/i18n/nl';
import type { Role } from '../../schema/users';
import { brandCss } from './brand';

export type NavKey = 'advice' | 'newAdvice' | 'inbox' | 'register' | 'consultations' | 'figures' | 'organisation' | 'councils' | 'users' | 'tokens';

export type Viewer = { name: string; role: Role; orgName: string; orgSlug: string; councilName: string | null };
export type Brand = { orgName: string; colour: string | null; logoUrl: string | null };

/** What every page gets from the request: who is looking, the organisation's look, the CSP nonce. */
export type Chrome = { nonce: string; viewer: Viewer | null; brand: Brand | null; /** Where the brand links to (default: the app's start page). */ home?: string };

type NavItem = { key: NavKey; href: string; label: string };

export function navFor(viewer: Viewer): NavItem[] {
  const t = nl.web.nav;
  const consultations: NavItem = { key: 'consultations', href: '/consultaties', label: nl.consultations.web.nav };
  switch (viewer.role) {
    case 'council_member':
    case 'council_secretary':
      return [
        { key: 'advice', href: '/adviezen', label: t.adviceCouncil },
        { key: 'newAdvice', href: '/adviezen/nieuw', label: t.newAdvice },
        consultations,
        { key: 'figures', href: '/overzicht', label: nl.figures.nav },
      ];
    case 'official':
      return [
        { key: 'inbox', href: '/adviezen', label: t.inbox },
        { key: 'register', href: '/adviezen/registreren', label: nl.imports.web.nav },
        consultations,
        { key: 'figures', href: '/overzicht', label: nl.figures.nav },
      ];
    case 'approver':
      return [
        { key: 'inbox', href: '/adviezen', label: t.inbox },
        { key: 'tokens', href: '/mijn/api-tokens', label: nl.security.ownTokens.nav },
        consultations,
        { key: 'figures', href: '/overzicht', label: nl.figures.nav },
      ];
    case 'admin': {
      const base = `/organisaties/${viewer.orgSlug}/beheer`;
      return [
        { key: 'inbox', href: '/adviezen', label: t.inbox },
        consultations,
        { key: 'figures', href: '/overzicht', label: nl.figures.nav },
        { key: 'organisation', href: base, label: t.organisation },
        { key: 'councils', href: `${base}/adviesraden`, label: t.councils },
        { key: 'users', href: `${base}/gebruikers`, label: t.users },
        { key: 'tokens', href: '/mijn/api-tokens', label: nl.security.ownTokens.nav },
      ];
    }
  }
}

export function Layout(props: { chrome: Chrome; title: string; current?: NavKey; hasErrors?: boolean; children: ReactNode }) {
  const { chrome } = props;
  const { viewer, brand } = chrome;
  const orgName = brand?.orgName ?? viewer?.orgName ?? null;
  const pageTitle = `${props.hasErrors ? `${nl.web.titleError}: ` : ''}${props.title} – ${orgName ? `${orgName} – ` : ''}${nl.web.appName}`;
  return (
    <html lang="nl">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <link rel="icon" href="data:," />
        <title>{pageTitle}</title>
        <link rel="stylesheet" href="/assets/app.css" />
        <style nonce={chrome.nonce}>{brandCss(brand?.colour)}</style>
        <script nonce={chrome.nonce} src="/assets/app.js" defer />
      </head>
      <body className="utrecht-document">
        <a className="utrecht-skip-link utrecht-skip-link--visible-on-focus" href="#inhoud">
          {nl.web.skipLink}
        </a>
        <header className="ww-header">
          <div className="ww-container ww-header__bar">
            <a className="ww-brand" href={chrome.home ?? '/'}>
              {brand?.logoUrl && <img className="ww-brand__logo" src={brand.logoUrl} alt="" />}
              <span>
                <span className="ww-brand__org">{orgName ?? nl.web.appName}</span>
                <span className="ww-brand__app">
                  {orgName ? `${nl.web.appName} · ` : ''}
                  {nl.web.appTagline}
                </span>
              </span>
            </a>
            {viewer && (
              <div className="ww-user">
                <span className="ww-user__who">
                  <span className="ww-visually-hidden">{nl.web.signedInAs} </span>
                  {viewer.name}
                  <span className="ww-user__role">
                    {nl.roles[viewer.role]}
                    {viewer.councilName ? `, ${viewer.councilName}` : ''}
                  </span>
                </span>
                <form method="post" action="/uitloggen" className="ww-inline-form">
                  <button type="submit" className="utrecht-button utrecht-button--secondary-action">
                    {nl.web.signOut}
                  </button>
                </form>
              </div>
            )}
          </div>
          {viewer && (
            <nav className="ww-nav" aria-label={nl.web.mainNav}>
              <ul className="ww-container ww-nav__list">
                {navFor(viewer).map((item) => (
                  <li key={item.key}>
                    <a className="ww-nav__link" href={item.href} aria-current={item.key === props.current ? 'page' : undefined}>
                      {item.label}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          )}
        </header>
        <main id="inhoud" tabIndex={-1}>
          <div className="ww-container">{props.children}</div>
        </main>
        <footer className="ww-footer">
          <div className="ww-container">
            <p>{nl.web.footer}</p>
          </div>
        </footer>
      </body>
    </html>
  );
}

export function PageTitle({ children, aside }: { children: ReactNode; aside?: ReactNode }) {
  return (
    <div className="ww-page-title">
      <h1 className="utrecht-heading-1">{children}</h1>
      {aside}
    </div>
  );
}
