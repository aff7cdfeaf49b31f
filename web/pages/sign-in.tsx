import { nl } from '../../schema/i18n/nl';
import type { Role } from '../../schema/users';
import { Layout, PageTitle, type Chrome } from '../components/layout';
import { Alert, Button, ErrorSummary, TextAreaField, TextField, type FieldError } from '../components/form';

const t = nl.web.signIn;

export type DemoUser = { id: string; name: string; email: string; role: Role; orgName: string; councilName: string | null };

export function SignInPage(props: {
  chrome: Chrome;
  email?: string;
  errors?: FieldError[];
  notice?: 'signedOut' | 'expired' | null;
  /** Text a user typed before their session ran out, shown so that it is not lost. */
  rescued?: { label: string; value: string }[];
  demoUsers?: DemoUser[] | null;
}) {
  const errors = props.errors ?? [];
  const orgs = groupBy(props.demoUsers ?? [], (u) => u.orgName);
  return (
    <Layout chrome={props.chrome} title={t.title} hasErrors={errors.length > 0}>
      <div className="ww-narrow">
        <PageTitle>{t.title}</PageTitle>
        {props.notice === 'signedOut' && (
          <Alert type="ok" live>
            <p className="utrecht-paragraph">{t.signedOut}</p>
          </Alert>
        )}
        {props.notice === 'expired' && (
          <Alert type="warning" title={nl.web.errors.expiredTitle}>
            <p className="utrecht-paragraph">{nl.web.errors.expiredText}</p>
            {props.rescued && props.rescued.length > 0 && <p className="utrecht-paragraph">{nl.web.errors.expiredPostText}</p>}
          </Alert>
        )}
        <ErrorSummary errors={errors} />
        <p className="ww-lead">{t.intro}</p>
        <form method="post" action="/inloggen" className="ww-form ww-panel" noValidate>
          <TextField name="email" type="email" label={t.emailLabel} hint={t.emailHint} value={props.email} autoComplete="email" width="md" error={errors.find((e) => e.path === 'email')?.message} />
          <Button>{t.submit}</Button>
        </form>
        {props.rescued && props.rescued.length > 0 && (
          <section aria-labelledby="rescued-title" className="ww-panel">
            <h2 className="utrecht-heading-2" id="rescued-title">
              {nl.web.errors.yourText}
            </h2>
            {props.rescued.map((r, i) => (
              <TextAreaField key={i} name={`rescued-${i}`} id={`rescued-${i}`} label={r.label} value={r.value} rows={Math.min(12, 3 + Math.ceil(r.value.length / 80))} />
            ))}
          </section>
        )}
      </div>
      {props.demoUsers && (
        <section className="ww-panel ww-narrow" aria-labelledby="demo-title">
          <h2 className="utrecht-heading-3" id="demo-title">
            {t.demoTitle}
          </h2>
          <p className="utrecht-paragraph">{t.demoIntro}</p>
          {props.demoUsers.length === 0 && <p className="utrecht-paragraph">{t.demoNone}</p>}
          {[...orgs].map(([orgName, list]) => (
            <div key={orgName}>
              <h3 className="utrecht-heading-4">{orgName}</h3>
              <ul className="ww-demo-users">
                {list.map((u) => (
                  <li key={u.id}>
                    <span id={`demo-${u.id}`}>
                      <strong>{u.name}</strong>
                      <br />
                      <span className="ww-muted">
                        {nl.roles[u.role]}
                        {u.councilName ? `, ${u.councilName}` : ''}
                      </span>
                    </span>
                    <form method="post" action="/inloggen/demo" className="ww-inline-form">
                      <input type="hidden" name="userId" value={u.id} />
                      <button type="submit" className="utrecht-button utrecht-button--secondary-action" aria-describedby={`demo-${u.id}`}>
                        {t.demoButton(u.name)}
                      </button>
                    </form>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </section>
      )}
    </Layout>
  );
}

export function SignInSentPage({ chrome, email, limited }: { chrome: Chrome; email: string; limited: boolean }) {
  return (
    <Layout chrome={chrome} title={limited ? t.limitedTitle : t.sentTitle}>
      <div className="ww-narrow">
        <PageTitle>{limited ? t.limitedTitle : t.sentTitle}</PageTitle>
        <div className="ww-panel">
          <p className="utrecht-paragraph">{limited ? t.limitedText : t.sentText(email)}</p>
          {!limited && <p className="utrecht-paragraph ww-muted">{t.sentHint}</p>}
          <p className="utrecht-paragraph">
            <a className="utrecht-link utrecht-link--html-a" href="/inloggen">
              {t.sentAgain}
            </a>
          </p>
        </div>
      </div>
    </Layout>
  );
}

export function SignInConfirmPage({ chrome, token, name, orgName }: { chrome: Chrome; token: string; name: string; orgName: string }) {
  return (
    <Layout chrome={chrome} title={t.confirmTitle}>
      <div className="ww-narrow">
        <PageTitle>{t.confirmTitle}</PageTitle>
        <form method="post" action="/inloggen/link" className="ww-panel">
          <p className="utrecht-paragraph">{t.confirmText(name, orgName)}</p>
          <input type="hidden" name="token" value={token} />
          <Button>{t.confirmButton}</Button>
        </form>
      </div>
    </Layout>
  );
}

export function SignInInvalidPage({ chrome }: { chrome: Chrome }) {
  return (
    <Layout chrome={chrome} title={t.invalidTitle}>
      <div className="ww-narrow">
        <PageTitle>{t.invalidTitle}</PageTitle>
        <div className="ww-panel">
          <p className="utrecht-paragraph">{t.invalidText}</p>
          <p className="utrecht-paragraph">
            <a className="utrecht-link utrecht-link--html-a" href="/inloggen">
              {t.sentAgain}
            </a>
          </p>
        </div>
      </div>
    </Layout>
  );
}

function groupBy<T>(list: T[], key: (t: T) => string) {
  const map = new Map<string, T[]>();
  for (const item of list) {
    const k = key(item);
    map.set(k, [...(map.get(k) ?? []), item]);
  }
  return map;
}
