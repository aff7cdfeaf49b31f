/** The passkey step of approvers and admins: register a first passkey, or confirm with one. */
import { nl } from '../../schema/i18n/nl';
import type { Role } from '../../schema/users';
import { Layout, PageTitle, type Chrome } from '../components/layout';
import { Alert } from '../components/form';
import { PasskeyForm } from '../components/passkey-form';

const t = nl.web.passkey;

export function PasskeyPage(props: {
  chrome: Chrome;
  step: 'register' | 'assert';
  name: string;
  role: Role;
  /** null when the page cannot offer a ceremony (an IP address): `ipHostUrl` says where to go. */
  options: unknown | null;
  ipHostUrl?: string;
  error?: string | null;
}) {
  const register = props.step === 'register';
  const title = register ? t.registerTitle : t.assertTitle;
  return (
    <Layout chrome={props.chrome} title={title} hasErrors={!!props.error}>
      <div className="ww-narrow">
        <PageTitle>{title}</PageTitle>
        {props.error && (
          <Alert type="error">
            <p className="utrecht-paragraph">{props.error}</p>
          </Alert>
        )}
        <p className="ww-lead">{register ? t.registerIntro(props.name, nl.roles[props.role]) : t.assertIntro(props.name)}</p>
        {register && (
          <section aria-labelledby="passkey-what" className="ww-panel">
            <h2 className="utrecht-heading-3" id="passkey-what">
              {t.registerWhatTitle}
            </h2>
            <p className="utrecht-paragraph">{t.registerWhat}</p>
            <ol className="utrecht-ordered-list">
              {t.registerSteps.map((step) => (
                <li className="utrecht-ordered-list__item" key={step}>
                  {step}
                </li>
              ))}
            </ol>
          </section>
        )}
        <div className="ww-panel">
          {props.options === null ? (
            <Alert type="warning">
              <p className="utrecht-paragraph">{t.ipHost(props.ipHostUrl ?? '')}</p>
            </Alert>
          ) : (
            <PasskeyForm
              nonce={props.chrome.nonce}
              action={register ? '/inloggen/passkey/registreren' : '/inloggen/passkey'}
              mode={register ? 'create' : 'get'}
              options={props.options}
              button={register ? t.registerButton : t.assertButton}
            />
          )}
        </div>
        {!register && (
          <section aria-labelledby="passkey-lost" className="ww-panel">
            <h2 className="utrecht-heading-3" id="passkey-lost">
              {t.lostTitle}
            </h2>
            <p className="utrecht-paragraph">{t.lostText}</p>
          </section>
        )}
        <form method="post" action="/uitloggen" className="ww-inline-form">
          <button type="submit" className="utrecht-button utrecht-button--secondary-action">
            {t.signOutInstead}
          </button>
        </form>
      </div>
    </Layout>
  );
}
