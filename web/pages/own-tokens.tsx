/** An approver's or admin's own API tokens: issued right after a passkey assertion, shown once, revoked here. */
import { nl } from '../../schema/i18n/nl';
import { Layout, PageTitle, type Chrome } from '../components/layout';
import { Alert, Button, TextField } from '../components/form';
import { PasskeyForm } from '../components/passkey-form';
import { dutchDateTime } from '../format';

const t = nl.security.ownTokens;

export type OwnToken = { id: string; createdAt: string; expiresAt: string | null; revokedAt: string | null };

function status(token: OwnToken, now: string) {
  if (token.revokedAt) return t.revoked;
  if (token.expiresAt && token.expiresAt <= now) return t.expired;
  return t.active;
}

export function OwnTokensPage(props: {
  chrome: Chrome;
  tokens: OwnToken[];
  options: unknown;
  now: string;
  /** The token just issued: shown this once. */
  created?: { id: string; token: string } | null;
  expiresInDays?: string;
  error?: string | null;
  expiresError?: string;
  notice?: string | null;
}) {
  const hasErrors = !!props.error || !!props.expiresError;
  return (
    <Layout chrome={props.chrome} title={t.title} current="tokens" hasErrors={hasErrors}>
      <PageTitle>{t.title}</PageTitle>
      <p className="ww-lead">{t.intro}</p>
      {props.notice && (
        <Alert type="ok" live>
          <p className="utrecht-paragraph">{props.notice}</p>
        </Alert>
      )}
      {props.created && (
        <Alert type="ok" title={t.createdTitle} live>
          <p className="utrecht-paragraph">
            <code className="ww-token" id="new-token">
              {props.created.token}
            </code>
          </p>
          <p className="utrecht-paragraph">{t.createdText}</p>
        </Alert>
      )}
      <section aria-labelledby="token-new" className="ww-panel">
        <h2 className="utrecht-heading-2" id="token-new">
          {t.newTitle}
        </h2>
        {props.error && (
          <Alert type="error">
            <p className="utrecht-paragraph">{props.error}</p>
          </Alert>
        )}
        <PasskeyForm nonce={props.chrome.nonce} action="/mijn/api-tokens" mode="get" options={props.options} button={t.create}>
          <TextField name="expiresInDays" label={t.expiresLabel} hint={t.expiresHint} value={props.expiresInDays ?? ''} error={props.expiresError} type="number" inputMode="numeric" min={1} max={730} width="sm" />
        </PasskeyForm>
      </section>
      <section aria-labelledby="token-list" className="ww-panel">
        <h2 className="utrecht-heading-2" id="token-list">
          {t.listTitle}
        </h2>
        {props.tokens.length === 0 ? (
          <p className="ww-empty utrecht-paragraph">{t.none}</p>
        ) : (
          <div className="ww-table-wrap">
            <table className="utrecht-table utrecht-table--html-table">
              <caption className="ww-visually-hidden">{t.listTitle}</caption>
              <thead className="utrecht-table__header">
                <tr className="utrecht-table__row">
                  <th className="utrecht-table__header-cell" scope="col">
                    {t.colId}
                  </th>
                  <th className="utrecht-table__header-cell" scope="col">
                    {t.colCreated}
                  </th>
                  <th className="utrecht-table__header-cell" scope="col">
                    {t.colExpires}
                  </th>
                  <th className="utrecht-table__header-cell" scope="col">
                    {t.colStatus}
                  </th>
                </tr>
              </thead>
              <tbody className="utrecht-table__body">
                {props.tokens.map((token) => {
                  const shortId = token.id.slice(0, 8);
                  const state = status(token, props.now);
                  return (
                    <tr className="utrecht-table__row" key={token.id}>
                      <td className="utrecht-table__cell">
                        <code>{shortId}</code>
                      </td>
                      <td className="utrecht-table__cell">{dutchDateTime(token.createdAt)}</td>
                      <td className="utrecht-table__cell">{token.expiresAt ? dutchDateTime(token.expiresAt) : t.never}</td>
                      <td className="utrecht-table__cell">
                        {state}
                        {state === t.active && (
                          <form method="post" action={`/mijn/api-tokens/${token.id}/intrekken`} className="ww-inline-form">
                            <Button variant="secondary">
                              {t.revoke}
                              <span className="ww-visually-hidden"> ({t.revokeFor(shortId)})</span>
                            </Button>
                          </form>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </Layout>
  );
}
