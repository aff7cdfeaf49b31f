/**
 * The public page where anyone checks a letter: enter Ons kenmerk, choose the PDF; the browser
 * hashes the file (it never leaves the device) and asks the verification API. Without
 * JavaScript the form still works with a pasted SHA-256, answered by the server.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { nl } from '../../schema/i18n/nl';
import { verifyClientScript } from './verify-client';

const t = nl.verify;

export type VerifyResult =
  | { valid: false }
  | {
      valid: true;
      document: 'letter' | 'list';
      organisation: { name: string; slug: string };
      reference: string;
      signedAt: string;
      signatories: { title: string; name: string }[];
    };

export type VerifyPageProps = {
  reference?: string;
  sha256?: string;
  /** The server's answer for a submitted form (the no-JavaScript path). */
  result?: VerifyResult | null;
  /** A message for a form that could not be checked. */
  problem?: string | null;
  nonce: string;
};

const dateTime = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Amsterdam' });

export const formatSignedAt = (iso: string) => dateTime.format(new Date(iso));

function Result({ result, sha256 }: { result: VerifyResult; sha256?: string }) {
  if (!result.valid) {
    return (
      <div className="result result-invalid">
        <h2>{t.invalidHeading}</h2>
        <p>{t.invalidBody}</p>
        {sha256 && (
          <p className="fingerprint">
            {t.fingerprint}: <code>{sha256}</code>
          </p>
        )}
      </div>
    );
  }
  return (
    <div className="result result-valid">
      <h2>{result.document === 'list' ? t.validHeadingList : t.validHeading}</h2>
      <p>{result.document === 'list' ? t.validBodyList(result.organisation.name, result.reference) : t.validBody(result.organisation.name, result.reference)}</p>
      <dl>
        <dt>{t.signedOn}</dt>
        <dd>{formatSignedAt(result.signedAt)}</dd>
        <dt>{t.signatories}</dt>
        <dd>
          <ul>
            {result.signatories.map((s, i) => (
              <li key={i}>
                {s.title} {s.name}
              </li>
            ))}
          </ul>
        </dd>
      </dl>
      {sha256 && (
        <p className="fingerprint">
          {t.fingerprint}: <code>{sha256}</code>
        </p>
      )}
    </div>
  );
}

const css = `
* { box-sizing: border-box; }
body { margin: 0; overflow-wrap: break-word; font: 1.0625rem/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: #1a1a1a; background: #f4f5f7; }
main { max-width: 40rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
h1 { font-size: 1.6rem; line-height: 1.25; margin: .5rem 0 1rem; }
h2 { font-size: 1.2rem; margin: 0 0 .4rem; }
form { background: #fff; border: 1px solid #d0d4da; border-radius: 8px; padding: 1.2rem; display: grid; gap: 1.1rem; }
label { font-weight: 600; display: block; margin-bottom: .25rem; }
.hint { font-size: .9rem; color: #555; margin: .2rem 0 0; }
input[type=text], input[type=file] { width: 100%; font: inherit; padding: .55rem .6rem; border: 1px solid #767676; border-radius: 4px; background: #fff; }
input:focus-visible, button:focus-visible { outline: 3px solid #ffbf47; outline-offset: 2px; }
button { font: inherit; font-weight: 600; padding: .6rem 1.2rem; border: 0; border-radius: 4px; background: #1f4e79; color: #fff; cursor: pointer; justify-self: start; }
.result { margin-top: 1.2rem; padding: 1rem 1.2rem; border-radius: 8px; border-left: 6px solid; background: #fff; }
.result-valid { border-color: #1b6e3a; }
.result-invalid { border-color: #a4262c; }
.result dl { margin: .5rem 0 0; }
.result dt { font-weight: 600; }
.result dd { margin: 0 0 .5rem; }
.result ul { margin: 0; padding-left: 1.2rem; }
.fingerprint { font-size: .85rem; color: #555; overflow-wrap: anywhere; }
.problem { color: #a4262c; font-weight: 600; }
.js-only { display: none; }
.has-js .js-only { display: block; }
`;

export function VerifyPage({ reference = '', sha256 = '', result = null, problem = null, nonce }: VerifyPageProps) {
  const strings = {
    checking: t.checking,
    noInput: t.noInput,
    badSha: t.badSha,
    validHeading: t.validHeading,
    invalidHeading: t.invalidHeading,
    invalidBody: t.invalidBody,
    signedOn: t.signedOn,
    signatories: t.signatories,
    error: t.error,
    fingerprint: t.fingerprint,
    validBody: t.validBody('{org}', '{reference}'),
    validHeadingList: t.validHeadingList,
    validBodyList: t.validBodyList('{org}', '{reference}'),
  };
  return (
    <html lang="nl">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{t.title}</title>
        <style nonce={nonce} dangerouslySetInnerHTML={{ __html: css }} />
      </head>
      <body>
        <main>
          <h1>{t.title}</h1>
          <p>{t.intro}</p>
          <form method="get" action="/verify" id="verify-form" noValidate>
            <div>
              <label htmlFor="reference">{t.referenceLabel}</label>
              <input type="text" id="reference" name="reference" defaultValue={reference} autoComplete="off" spellCheck={false} aria-describedby="reference-hint" />
              <p className="hint" id="reference-hint">
                {t.referenceHint}
              </p>
            </div>
            <div className="js-only">
              <label htmlFor="file">{t.fileLabel}</label>
              <input type="file" id="file" accept="application/pdf,.pdf" />
            </div>
            <div>
              <label htmlFor="sha256">{t.shaLabel}</label>
              <input type="text" id="sha256" name="sha256" defaultValue={sha256} autoComplete="off" spellCheck={false} inputMode="text" aria-describedby="sha-hint" />
              <p className="hint" id="sha-hint">
                {t.shaHint}
              </p>
            </div>
            <button type="submit">{t.submit}</button>
          </form>
          <div id="result" role="status" aria-live="polite">
            {problem && <p className="problem">{problem}</p>}
            {result && <Result result={result} sha256={sha256 || undefined} />}
          </div>
        </main>
        <script type="application/json" id="verify-strings" dangerouslySetInnerHTML={{ __html: JSON.stringify(strings).replace(/</g, '\\u003c') }} />
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: verifyClientScript }} />
      </body>
    </html>
  );
}

export function renderVerifyPage(props: VerifyPageProps): string {
  return `<!doctype html>${renderToStaticMarkup(<VerifyPage {...props} />)}`;
}
