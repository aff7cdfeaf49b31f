/**
 * The letter as a standalone HTML document (letter.html): the same model as the PDF, A4 when
 * printed, readable on a phone. React escapes every text, so user text can never become markup.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import type { LetterItem, LetterModel, Paragraph } from '../../schema/letter-model';
import { letterCss } from './letter-css';

function Paragraphs({ items, className }: { items: Paragraph[]; className?: string }) {
  return (
    <>
      {items.map((p, i) => (
        <p key={i} className={className}>
          {p}
        </p>
      ))}
    </>
  );
}

function Item({ item }: { item: LetterItem }) {
  return (
    <article className={`item item-${item.kind}`}>
      <header className="item-head">
        <h3>{item.heading}</h3>
        {item.status && <p className={`status status-${item.status.code}`}>{item.status.label}</p>}
      </header>
      {item.kind === 'question' ? (
        <blockquote className="council-text">
          <Paragraphs items={item.text} />
        </blockquote>
      ) : (
        <div className="council-text">
          <Paragraphs items={item.text} />
        </div>
      )}
      <h4>{item.responseHeading}</h4>
      <Paragraphs items={item.response} className={item.pending ? 'pending' : undefined} />
    </article>
  );
}

export function LetterDocument({ model }: { model: LetterModel }) {
  return (
    <html lang="nl">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="author" content={model.author} />
        <meta name="description" content={model.subject} />
        <meta name="robots" content="noindex" />
        <title>{model.documentTitle}</title>
        <style dangerouslySetInnerHTML={{ __html: letterCss(model) }} />
      </head>
      <body>
        {/* Decoration: its text is drawn by the concept's CSS; the concept notice says it in words. */}
        {model.concept && <div className="watermark" aria-hidden="true" />}
        <main className="letter">
          {model.conceptNotice && (
            <p className="concept-notice" role="note">
              {model.conceptNotice}
            </p>
          )}
          <header className="letterhead">
            <p className="org-name">{model.letterhead.name}</p>
            <address>
              {[...model.letterhead.addressLines, ...model.letterhead.contactLines].map((l, i) => (
                <span key={i}>{l}</span>
              ))}
            </address>
          </header>
          <address className="addressee">
            {model.addressee.map((l, i) => (
              <span key={i}>{l}</span>
            ))}
          </address>
          <dl className="references">
            {model.references.map((r) => (
              <div key={r.label}>
                <dt>{r.label}</dt>
                <dd>{r.value}</dd>
              </div>
            ))}
          </dl>
          <p className="reference-note">{model.referenceNote}</p>
          <h1 className="visually-hidden">{model.documentTitle}</h1>
          <p className="salutation">{model.salutation}</p>
          <Paragraphs items={model.opening} />
          {model.overview && (
            <section className="overview" aria-labelledby="overview-heading">
              <h2 id="overview-heading">{model.overview.heading}</h2>
              <p>{model.overview.intro}</p>
              <table>
                <tbody>
                  {model.overview.rows.map((row) => (
                    <tr key={row.code}>
                      <th scope="row">{row.label}</th>
                      <td>{row.count}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          )}
          {model.sections.map((section, i) => (
            <section key={i} className="section">
              {section.heading && <h2>{section.heading}</h2>}
              {section.items.map((item) => (
                <Item key={`${item.kind}-${item.number}`} item={item} />
              ))}
            </section>
          ))}
          <footer className="closing">
            <Paragraphs items={model.closing} />
            <p className="greeting">{model.greeting}</p>
            <p>{model.signOff}</p>
            <div className="signatories">
              {model.signatories.map((s, i) => (
                <p key={i} className="signatory">
                  <span>{s.title}</span>
                  <span className="signatory-name">{s.name}</span>
                </p>
              ))}
            </div>
            {model.verifyNote && <p className="verify-note">{model.verifyNote}</p>}
          </footer>
        </main>
      </body>
    </html>
  );
}

export function renderLetterHtml(model: LetterModel): string {
  return `<!doctype html>${renderToStaticMarkup(<LetterDocument model={model} />)}`;
}
