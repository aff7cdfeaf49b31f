import type { ReactNode } from 'react';
import { nl } from '../../schema/i18n/nl';
import type { MailStatus } from '../../schema/mail';

/**
 * The local mailbox: what would have been sent, readable as the recipient would see it. Self-
 * contained (its own small layout) because it is a development tool, not part of the app.
 */

export type DevMailSummary = {
  id: string;
  kind: string;
  to: string[];
  cc: string[];
  subject: string;
  status: MailStatus;
  createdAt: string;
  attachments: { filename: string; contentType: string; size: number }[];
};
export type DevMail = DevMailSummary & { text: string };

const t = nl.mail.devOutbox;

// On a phone the list's table scrolls in its own box and the mail's details stack; addresses break anywhere.
const css = `
body{font-family:Arial,Helvetica,sans-serif;margin:0;color:#1a1a1a;background:#fff;overflow-wrap:break-word}
main{max-width:72rem;margin:0 auto;padding:1.5rem}
h1,dd,pre{overflow-wrap:anywhere}
.table-wrap{overflow-x:auto}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.5rem;border-bottom:1px solid #ccc;vertical-align:top}
a{color:#154273}a:focus{outline:3px solid #f9b000}
dl{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:.25rem 1rem}dt{font-weight:bold}dd{margin:0}
dd ul{margin:0;padding-left:1.2rem}
iframe{width:100%;height:70vh;border:1px solid #999;background:#fff}
pre{white-space:pre-wrap;background:#f4f4f4;padding:1rem;border:1px solid #ccc}
.status{white-space:nowrap}
@media (max-width:30em){main{padding:1rem}dl{grid-template-columns:minmax(0,1fr)}dd{margin-bottom:.5rem}}
`;

const when = (iso: string) => new Date(iso).toLocaleString('nl-NL', { timeZone: 'Europe/Amsterdam', dateStyle: 'short', timeStyle: 'medium' });
const kib = (size: number) => (size < 1024 ? `${size} bytes` : `${Math.round(size / 1024)} KB`);

function Page(props: { title: string; nonce?: string; children: ReactNode }) {
  return (
    <html lang="nl">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <link rel="icon" href="data:," />
        <title>{props.title}</title>
        <style nonce={props.nonce}>{css}</style>
      </head>
      <body>
        <main>{props.children}</main>
      </body>
    </html>
  );
}

function Attachments(props: { mail: DevMailSummary }) {
  if (!props.mail.attachments.length) return <>—</>;
  return (
    <ul>
      {props.mail.attachments.map((a, n) => (
        <li key={n}>
          <a href={`/api/v1/dev/outbox/${props.mail.id}/attachments/${n}`} download={a.filename}>
            {a.filename}
          </a>{' '}
          ({a.contentType}, {kib(a.size)})
        </li>
      ))}
    </ul>
  );
}

export function DevOutboxListPage(props: { items: DevMailSummary[]; nonce?: string }) {
  return (
    <Page title={`${t.title} – Wederwoord`} nonce={props.nonce}>
      <h1>{t.title}</h1>
      <p>{t.intro}</p>
      {props.items.length === 0 ? (
        <p>{t.empty}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t.created}</th>
                <th scope="col">{t.to}</th>
                <th scope="col">{t.subject}</th>
                <th scope="col">{t.status}</th>
                <th scope="col">{t.attachments}</th>
              </tr>
            </thead>
            <tbody>
              {props.items.map((m) => (
                <tr key={m.id}>
                  <td>{when(m.createdAt)}</td>
                  <td>
                    {m.to.join(', ')}
                    {m.cc.length ? <div>{`${t.cc}: ${m.cc.join(', ')}`}</div> : null}
                  </td>
                  <td>
                    <a href={`/dev/outbox/${m.id}`}>{m.subject}</a>
                  </td>
                  <td className="status">{nl.mail.deliveryStatus[m.status]}</td>
                  <td>
                    <Attachments mail={m} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Page>
  );
}

export function DevOutboxMailPage(props: { mail: DevMail; nonce?: string }) {
  const m = props.mail;
  return (
    <Page title={`${m.subject} – ${t.title}`} nonce={props.nonce}>
      <p>
        <a href="/dev/outbox">{t.back}</a>
      </p>
      <h1>{m.subject}</h1>
      <dl>
        <dt>{t.to}</dt>
        <dd>{m.to.join(', ')}</dd>
        {m.cc.length ? (
          <>
            <dt>{t.cc}</dt>
            <dd>{m.cc.join(', ')}</dd>
          </>
        ) : null}
        <dt>{t.status}</dt>
        <dd>{nl.mail.deliveryStatus[m.status]}</dd>
        <dt>{t.created}</dt>
        <dd>{when(m.createdAt)}</dd>
        <dt>{t.attachments}</dt>
        <dd>
          <Attachments mail={m} />
        </dd>
      </dl>
      <h2>{t.html}</h2>
      {/* The mail's own HTML, served from a separate route with a sandboxing CSP: no scripts, no access to this page. */}
      <iframe sandbox="" src={`/dev/outbox/${m.id}/html`} title={t.iframeTitle(m.subject)} />
      <h2>{t.text}</h2>
      <pre>{m.text}</pre>
    </Page>
  );
}
