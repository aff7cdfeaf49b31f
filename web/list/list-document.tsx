/**
 * The integral list as a standalone HTML document (list.html): the same model as the PDF,
 * landscape A4 when printed, readable on a phone. React escapes every text, so user text can never
 * become markup.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import type { ListModel, ListRow } from '../../schema/list-model';
import { listCss } from './list-css';

function Row({ row, columns }: { row: ListRow; columns: ListModel['columns'] }) {
  return (
    <tr>
      <td data-label={columns.remark}>
        <p>
          <span className="number">{row.number}</span>
          {row.section && <span className="section">{row.section}</span>}
        </p>
        {row.remark.map((p, i) => (
          <p key={i}>{p}</p>
        ))}
      </td>
      <td data-label={columns.response}>
        {row.response.map((p, i) => (
          <p key={i} className={row.pending ? 'pending' : row.reference ? 'reference' : undefined}>
            {p}
          </p>
        ))}
      </td>
      <td data-label={columns.processing}>
        <p>{row.processing.join(', ')}</p>
      </td>
    </tr>
  );
}

/**
 * The list's content: everything the document shows, inside `as` (the standalone document's
 * <main>; an <article> where a page embeds it, as the public archive does) with `className`.
 */
export function ListBody({ model, as: Root = 'main', className = 'list' }: { model: ListModel; as?: 'main' | 'article'; className?: string }) {
  return (
    <Root className={className}>
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
      <p className="kind">{model.kind}</p>
      <h1>{model.title}</h1>
      <dl className="facts">
        {model.facts.map((f) => (
          <div key={f.label}>
            <dt>{f.label}</dt>
            <dd>{f.value}</dd>
          </div>
        ))}
      </dl>
      <p>{model.intro}</p>
      {model.participants.map((p, i) => (
        <section key={i} aria-labelledby={`participant-${i}`}>
          <h2 id={`participant-${i}`}>{p.name}</h2>
          {p.rows.length === 0 ? (
            <p className="no-remarks">{model.noRemarks}</p>
          ) : (
            <table aria-labelledby={`participant-${i}`}>
              <colgroup>
                <col className="remark" />
                <col className="response" />
                <col className="processing" />
              </colgroup>
              <thead>
                <tr>
                  <th scope="col">{model.columns.remark}</th>
                  <th scope="col">{model.columns.response}</th>
                  <th scope="col">{model.columns.processing}</th>
                </tr>
              </thead>
              <tbody>
                {p.rows.map((row) => (
                  <Row key={row.number} row={row} columns={model.columns} />
                ))}
              </tbody>
            </table>
          )}
        </section>
      ))}
      <section className="legend" aria-labelledby="legend-heading">
        <h2 id="legend-heading">{model.legend.heading}</h2>
        {model.legend.entries.map((e) => (
          <p key={e.code}>{e.text}</p>
        ))}
      </section>
      {model.adoption && (
        <footer className="adoption">
          <p>{model.adoption.statement}</p>
          <div className="signatories">
            {model.adoption.signatories.map((s, i) => (
              <p key={i} className="signatory">
                <span>{s.title},</span>
                <span>{s.name}</span>
              </p>
            ))}
          </div>
        </footer>
      )}
      {model.verifyNote && <p className="verify-note">{model.verifyNote}</p>}
    </Root>
  );
}

export function ListDocument({ model }: { model: ListModel }) {
  return (
    <html lang="nl">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="author" content={model.author} />
        <meta name="description" content={model.subject} />
        <meta name="robots" content="noindex" />
        <title>{model.documentTitle}</title>
        <style dangerouslySetInnerHTML={{ __html: listCss(model) }} />
      </head>
      <body>
        {model.concept && <div className="watermark" aria-hidden="true" />}
        <ListBody model={model} />
      </body>
    </html>
  );
}

export function renderListHtml(model: ListModel): string {
  return `<!doctype html>${renderToStaticMarkup(<ListDocument model={model} />)}`;
}
