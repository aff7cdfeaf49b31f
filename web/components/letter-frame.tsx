/**
 * A signed document exactly as it is (or will be) sent: the renderer's own HTML document, shown in
 * a frame so that its print styles and the page's styles never mix, with a link to open it alone.
 */
import { nl } from '../../schema/i18n/nl';

export const letterHtmlHref = (adviceId: string) => `/adviezen/${adviceId}/brief.html`;

export function DocumentFrame({ href, title, openLabel }: { href: string; title: string; openLabel: string }) {
  return (
    <div className="ww-letter-frame">
      {/* The framed document runs nothing: it is served with a CSP of default-src 'none' (no scripts). */}
      <iframe src={href} title={title} className="ww-letter-frame__frame" />
      <p className="utrecht-paragraph">
        <a className="utrecht-link utrecht-link--html-a" href={href}>
          {openLabel}
        </a>
      </p>
    </div>
  );
}

export function LetterFrame({ adviceId, reference }: { adviceId: string; reference: string | null }) {
  return <DocumentFrame href={letterHtmlHref(adviceId)} title={nl.web.letter.frameTitle(reference)} openLabel={nl.web.letter.openHtml} />;
}
