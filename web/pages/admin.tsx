/** Organisation admins: letterhead and look, councils and their recipients, users and roles. */
import { nl } from '../../schema/i18n/nl';
import { ROLES } from '../../schema/users';
import { Layout, PageTitle, type Chrome } from '../components/layout';
import { Alert, Button, ButtonLink, Checkbox, ErrorSummary, SelectField, TextAreaField, TextField, errorFor, type FieldError } from '../components/form';

const t = nl.web.admin;

export type OrganisationValues = {
  name: string;
  addressLines: string;
  phone: string;
  email: string;
  website: string;
  signatories: { title: string; name: string }[];
  signOff: string;
  contactName: string;
  contactEmail: string;
  contactPhone: string;
  referencePrefix: string;
  responseDays: string;
  colour: string;
};

export function OrganisationPage(props: { chrome: Chrome; slug: string; values: OrganisationValues; errors: FieldError[]; logoUrl: string | null; logoError?: string; notice?: string | null }) {
  const { values, errors } = props;
  const base = `/organisaties/${props.slug}/beheer`;
  const rows = [...values.signatories, ...Array.from({ length: Math.max(0, 4 - values.signatories.length) }, () => ({ title: '', name: '' }))].slice(0, 6);
  const allErrors = props.logoError ? [...errors, { path: 'logo', message: props.logoError }] : errors;
  return (
    <Layout chrome={props.chrome} title={t.organisationTitle} current="organisation" hasErrors={allErrors.length > 0}>
      <PageTitle>{t.organisationTitle}</PageTitle>
      <p className="ww-lead">{t.organisationIntro}</p>
      <ErrorSummary errors={allErrors} />
      {props.notice && (
        <Alert type="ok" live>
          <p className="utrecht-paragraph">{props.notice}</p>
        </Alert>
      )}
      <form method="post" action={base} className="ww-form" noValidate>
        <div className="ww-panel">
          <TextField name="name" label={t.name} value={values.name} error={errorFor(errors, 'name')} width="md" />
          <TextField name="theme.colour" type="color" label={t.colour} hint={t.colourHint} value={values.colour} error={errorFor(errors, 'theme.colour')} width="sm" />
        </div>
        <fieldset className="ww-panel utrecht-form-fieldset utrecht-form-fieldset--html-fieldset">
          <legend className="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">{t.letterhead}</legend>
          <TextAreaField name="letterhead.addressLines" label={t.addressLines} hint={t.addressLinesHint} value={values.addressLines} rows={4} error={errorFor(errors, 'letterhead.addressLines')} />
          <TextField name="letterhead.phone" type="tel" label={t.phone} value={values.phone} width="md" error={errorFor(errors, 'letterhead.phone')} />
          <TextField name="letterhead.email" type="email" label={t.email} value={values.email} width="md" error={errorFor(errors, 'letterhead.email')} />
          <TextField name="letterhead.website" label={t.website} value={values.website} width="md" error={errorFor(errors, 'letterhead.website')} />
        </fieldset>
        <fieldset className="ww-panel utrecht-form-fieldset utrecht-form-fieldset--html-fieldset" aria-describedby="signatories-hint">
          <legend className="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">{t.signatories}</legend>
          <p className="utrecht-paragraph ww-muted" id="signatories-hint">
            {t.signatoriesHint}
          </p>
          {errorFor(errors, 'signatories') && <p className="utrecht-paragraph ww-field-error">{errorFor(errors, 'signatories')}</p>}
          <div className="ww-signatories">
            {rows.map((s, i) => (
              <div key={i} className="ww-signatory-row">
                <TextField name={`signatories.${i}.title`} label={t.signatoryTitle(i + 1)} value={s.title} error={errorFor(errors, `signatories.${i}.title`)} />
                <TextField name={`signatories.${i}.name`} label={t.signatoryName(i + 1)} value={s.name} error={errorFor(errors, `signatories.${i}.name`)} />
              </div>
            ))}
          </div>
          <TextField name="signOff" label={t.signOff} hint={t.signOffHint} value={values.signOff} error={errorFor(errors, 'signOff')} />
        </fieldset>
        <fieldset className="ww-panel utrecht-form-fieldset utrecht-form-fieldset--html-fieldset">
          <legend className="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">{t.contact}</legend>
          <TextField name="contact.name" label={t.contactName} value={values.contactName} width="md" error={errorFor(errors, 'contact.name')} />
          <TextField name="contact.email" type="email" label={t.contactEmail} value={values.contactEmail} width="md" error={errorFor(errors, 'contact.email')} />
          <TextField name="contact.phone" type="tel" label={t.contactPhone} value={values.contactPhone} width="md" error={errorFor(errors, 'contact.phone')} />
        </fieldset>
        <div className="ww-panel">
          <TextField name="referencePrefix" label={t.referencePrefix} hint={t.referencePrefixHint} value={values.referencePrefix} width="sm" error={errorFor(errors, 'referencePrefix')} />
          <TextField name="responseDays" type="number" inputMode="numeric" min={1} max={365} label={t.responseDays} hint={t.responseDaysHint} value={values.responseDays} width="sm" error={errorFor(errors, 'responseDays')} />
        </div>
        <div className="ww-actions">
          <Button>{t.save}</Button>
        </div>
      </form>

      <form method="post" action={`${base}/logo`} encType="multipart/form-data" className="ww-panel ww-form" noValidate aria-labelledby="logo-title">
        <h2 className="utrecht-heading-3" id="logo-title">
          {t.logo}
        </h2>
        {props.logoUrl ? (
          <p className="utrecht-paragraph">
            {t.logoCurrent}: <img className="ww-logo-preview" src={props.logoUrl} alt={`${t.logoCurrent} ${values.name}`} />
          </p>
        ) : (
          <p className="utrecht-paragraph">{t.logoNone}</p>
        )}
        <div className={`utrecht-form-field utrecht-form-field--text${props.logoError ? ' utrecht-form-field--invalid' : ''}`}>
          <div className="utrecht-form-field__label">
            <label className="utrecht-form-label" htmlFor="f-logo">
              {t.logoUpload}
            </label>
          </div>
          <div className="utrecht-form-field__description utrecht-form-field-description" id="f-logo-hint">
            {t.logoHint}
          </div>
          {props.logoError && (
            <div className="utrecht-form-field__error-message utrecht-form-field-error-message ww-field-error" id="f-logo-error">
              {props.logoError}
            </div>
          )}
          <div className="utrecht-form-field__input">
            <input type="file" id="f-logo" name="logo" accept="image/png,image/jpeg" aria-describedby={props.logoError ? 'f-logo-hint f-logo-error' : 'f-logo-hint'} />
          </div>
        </div>
        <Button variant="secondary">{t.logoUpload}</Button>
      </form>
    </Layout>
  );
}

export type CouncilValues = { name: string; salutation: string; recipients: string; addressLines: string };
export type CouncilListItem = { id: string; name: string; recipients: string[] };

export function CouncilsPage(props: { chrome: Chrome; slug: string; councils: CouncilListItem[]; notice?: string | null }) {
  const base = `/organisaties/${props.slug}/beheer/adviesraden`;
  return (
    <Layout chrome={props.chrome} title={t.councilsTitle} current="councils">
      <PageTitle aside={<ButtonLink href={`${base}/nieuw`}>{t.newCouncil}</ButtonLink>}>{t.councilsTitle}</PageTitle>
      <p className="ww-lead">{t.councilsIntro}</p>
      {props.notice && (
        <Alert type="ok" live>
          <p className="utrecht-paragraph">{props.notice}</p>
        </Alert>
      )}
      {props.councils.length === 0 ? (
        <p className="ww-empty utrecht-paragraph">{t.noCouncils}</p>
      ) : (
        <div className="ww-table-wrap">
          <table className="utrecht-table utrecht-table--html-table">
            <caption className="ww-visually-hidden">{t.councilsTitle}</caption>
            <thead className="utrecht-table__header">
              <tr className="utrecht-table__row">
                <th className="utrecht-table__header-cell" scope="col">
                  {t.councilName}
                </th>
                <th className="utrecht-table__header-cell" scope="col">
                  {t.colRecipients}
                </th>
              </tr>
            </thead>
            <tbody className="utrecht-table__body">
              {props.councils.map((c) => (
                <tr className="utrecht-table__row" key={c.id}>
                  <td className="utrecht-table__cell">
                    <a className="utrecht-link utrecht-link--html-a" href={`${base}/${c.id}`}>
                      {c.name}
                    </a>
                  </td>
                  <td className="utrecht-table__cell">{c.recipients.join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}

export function CouncilFormPage(props: { chrome: Chrome; slug: string; councilId?: string; values: CouncilValues; errors: FieldError[] }) {
  const { values, errors } = props;
  const base = `/organisaties/${props.slug}/beheer/adviesraden`;
  const title = props.councilId ? t.editCouncil : t.newCouncil;
  return (
    <Layout chrome={props.chrome} title={title} current="councils" hasErrors={errors.length > 0}>
      <a className="utrecht-link utrecht-link--html-a ww-back" href={base}>
        ← {t.councilsTitle}
      </a>
      <PageTitle>{title}</PageTitle>
      <ErrorSummary errors={errors} />
      <form method="post" action={props.councilId ? `${base}/${props.councilId}` : `${base}/nieuw`} className="ww-form ww-panel" noValidate>
        <TextField name="name" label={t.councilName} value={values.name} error={errorFor(errors, 'name')} width="md" />
        <TextField name="salutation" label={t.salutation} hint={t.salutationHint} value={values.salutation} error={errorFor(errors, 'salutation')} />
        <TextAreaField name="recipients" label={t.recipients} hint={t.recipientsHint} value={values.recipients} rows={4} error={errorFor(errors, 'recipients')} />
        <TextAreaField name="addressLines" label={t.councilAddress} hint={t.councilAddressHint} value={values.addressLines} rows={3} error={errorFor(errors, 'addressLines')} />
        <Button>{t.save}</Button>
      </form>
    </Layout>
  );
}

export type UserValues = { email: string; name: string; role: string; councilId: string; disabled: boolean };
export type UserListItem = { id: string; name: string; email: string; role: (typeof ROLES)[number]; councilName: string | null; disabled: boolean };

export function UsersPage(props: { chrome: Chrome; slug: string; users: UserListItem[]; notice?: string | null }) {
  const base = `/organisaties/${props.slug}/beheer/gebruikers`;
  return (
    <Layout chrome={props.chrome} title={t.usersTitle} current="users">
      <PageTitle aside={<ButtonLink href={`${base}/nieuw`}>{t.newUser}</ButtonLink>}>{t.usersTitle}</PageTitle>
      <p className="ww-lead">{t.usersIntro}</p>
      {props.notice && (
        <Alert type="ok" live>
          <p className="utrecht-paragraph">{props.notice}</p>
        </Alert>
      )}
      <div className="ww-table-wrap">
        <table className="utrecht-table utrecht-table--html-table">
          <caption className="ww-visually-hidden">{t.usersTitle}</caption>
          <thead className="utrecht-table__header">
            <tr className="utrecht-table__row">
              <th className="utrecht-table__header-cell" scope="col">
                {t.userName}
              </th>
              <th className="utrecht-table__header-cell" scope="col">
                {t.userEmail}
              </th>
              <th className="utrecht-table__header-cell" scope="col">
                {t.userRole}
              </th>
              <th className="utrecht-table__header-cell" scope="col">
                {t.status}
              </th>
            </tr>
          </thead>
          <tbody className="utrecht-table__body">
            {props.users.map((u) => (
              <tr className="utrecht-table__row" key={u.id}>
                <td className="utrecht-table__cell">
                  <a className="utrecht-link utrecht-link--html-a" href={`${base}/${u.id}`}>
                    {u.name}
                  </a>
                </td>
                <td className="utrecht-table__cell">{u.email}</td>
                <td className="utrecht-table__cell">
                  {nl.roles[u.role]}
                  {u.councilName ? `, ${u.councilName}` : ''}
                </td>
                <td className="utrecht-table__cell">{u.disabled ? t.userDisabled : t.userActive}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}

export function UserFormPage(props: {
  chrome: Chrome;
  slug: string;
  userId?: string;
  /** The user's role signs in with a passkey (policy.ts needsPasskey): offer to remove a lost one. */
  canResetPasskeys?: boolean;
  values: UserValues;
  councils: { id: string; name: string }[];
  errors: FieldError[];
}) {
  const { values, errors } = props;
  const base = `/organisaties/${props.slug}/beheer/gebruikers`;
  const title = props.userId ? t.editUser : t.newUser;
  return (
    <Layout chrome={props.chrome} title={title} current="users" hasErrors={errors.length > 0}>
      <a className="utrecht-link utrecht-link--html-a ww-back" href={base}>
        ← {t.usersTitle}
      </a>
      <PageTitle>{title}</PageTitle>
      <ErrorSummary errors={errors} />
      <form method="post" action={props.userId ? `${base}/${props.userId}` : `${base}/nieuw`} className="ww-form ww-panel" noValidate>
        {props.userId ? (
          <p className="utrecht-paragraph">
            <strong>{t.userEmail}:</strong> {values.email}
            <br />
            <span className="ww-muted">{t.emailFixed}</span>
          </p>
        ) : (
          <TextField name="email" type="email" label={t.userEmail} value={values.email} error={errorFor(errors, 'email')} width="md" autoComplete="off" />
        )}
        <TextField name="name" label={t.userName} value={values.name} error={errorFor(errors, 'name')} width="md" />
        <SelectField name="role" label={t.userRole} value={values.role} error={errorFor(errors, 'role')} options={ROLES.map((r) => ({ value: r, label: nl.roles[r] }))} />
        <SelectField
          name="councilId"
          label={t.userCouncil}
          hint={t.userCouncilHint}
          value={values.councilId}
          error={errorFor(errors, 'councilId')}
          options={[{ value: '', label: t.userNoCouncil }, ...props.councils.map((c) => ({ value: c.id, label: c.name }))]}
        />
        {props.userId && (
          <>
            {errorFor(errors, 'disabled') && (
              <p className="utrecht-paragraph ww-field-error" id="f-disabled-error">
                {errorFor(errors, 'disabled')}
              </p>
            )}
            <Checkbox name="disabled" label={t.userDisable} hint={t.userDisableHint} checked={values.disabled} />
          </>
        )}
        <Button>{t.save}</Button>
      </form>
      {props.userId && props.canResetPasskeys && (
        <form method="post" action={`${base}/${props.userId}/passkeys`} className="ww-panel" aria-labelledby="passkeys-title">
          <h2 className="utrecht-heading-3" id="passkeys-title">
            {nl.web.passkey.adminResetHeading}
          </h2>
          <p className="utrecht-paragraph">{nl.web.passkey.adminResetText}</p>
          <Button variant="secondary">{nl.web.passkey.adminResetButton}</Button>
        </form>
      )}
    </Layout>
  );
}
