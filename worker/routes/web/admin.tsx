/** Organisation admin pages. Every write goes through the API's zod shapes and services. */
import type { Context } from 'hono';
import type { AppEnv, UserPrincipal } from '../../context';
import { fieldErrors } from '../../../schema/zod';
import { createCouncilShape, updateOrganisationShape, type OrganisationRow } from '../../../schema/organisations';
import { createUserShape, updateUserShape } from '../../../schema/users';
import { nl } from '../../../schema/i18n/nl';
import * as orgs from '../../services/organisations';
import { getUser, updateUser } from '../../services/users';
import { getOrganisationLogo, setOrganisationLogo } from '../../services/branding';
import { AppError, notFound } from '../../errors';
import { needsPasskey } from '../../policy';
import {
  CouncilFormPage,
  CouncilsPage,
  OrganisationPage,
  UserFormPage,
  UsersPage,
  type CouncilValues,
  type OrganisationValues,
  type UserValues,
} from '../../../web/pages/admin';
import type { FieldError } from '../../../web/components/form';
import { formLines, formText, optional, serviceFieldErrors, type FormBody } from './forms';
import { chrome, page, seeOther } from './render';
import { webRoute, type WebApp } from './route';
import { logoUrl } from './branding';
import { removePasskeys } from '../../services/passkeys';

type C = Context<AppEnv>;
const t = nl.web.admin;
const admin = (c: C) => c.var.principal as UserPrincipal;
const slugOf = (c: C) => c.req.param('slug') ?? '';
const notice = (c: C, message: string) => (c.req.query('opgeslagen') !== undefined ? message : null);

/** Errors on list elements (recipients.2, letterhead.addressLines.0) belong to the one field that holds the list. */
const listFields = (errors: FieldError[], fields: string[]) =>
  errors.map((e) => {
    const field = fields.find((f) => e.path === f || e.path.startsWith(`${f}.`));
    return field ? { ...e, path: field } : e;
  });

/** Runs a service call; a 422/409 with field errors becomes a re-rendered form. */
async function attempt<T>(run: () => Promise<T>): Promise<{ ok: T } | { errors: FieldError[] }> {
  try {
    return { ok: await run() };
  } catch (err) {
    const errors = err instanceof AppError ? serviceFieldErrors(err) : null;
    if (errors) return { errors };
    throw err;
  }
}

// ---- organisation ------------------------------------------------------------------------

function organisationValues(o: OrganisationRow): OrganisationValues {
  return {
    name: o.name,
    addressLines: o.letterhead.addressLines.join('\n'),
    phone: o.letterhead.phone ?? '',
    email: o.letterhead.email ?? '',
    website: o.letterhead.website ?? '',
    signatories: o.signatories,
    signOff: o.signOff,
    contactName: o.contact.name,
    contactEmail: o.contact.email ?? '',
    contactPhone: o.contact.phone ?? '',
    referencePrefix: o.referencePrefix,
    responseDays: String(o.responseDays),
    colour: o.theme.colour ?? '#1a4f85',
  };
}

function organisationFromForm(body: FormBody): OrganisationValues {
  const signatories = Array.from({ length: 6 }, (_, i) => ({ title: formText(body, `signatories.${i}.title`), name: formText(body, `signatories.${i}.name`) }));
  return {
    name: formText(body, 'name'),
    addressLines: formText(body, 'letterhead.addressLines'),
    phone: formText(body, 'letterhead.phone'),
    email: formText(body, 'letterhead.email'),
    website: formText(body, 'letterhead.website'),
    signatories: signatories.filter((s) => s.title.trim() || s.name.trim()),
    signOff: formText(body, 'signOff'),
    contactName: formText(body, 'contact.name'),
    contactEmail: formText(body, 'contact.email'),
    contactPhone: formText(body, 'contact.phone'),
    referencePrefix: formText(body, 'referencePrefix'),
    responseDays: formText(body, 'responseDays'),
    colour: formText(body, 'theme.colour'),
  };
}

function organisationInput(v: OrganisationValues) {
  return {
    name: v.name,
    letterhead: {
      addressLines: v.addressLines.split(/\r?\n/).map((l) => l.trim()).filter(Boolean),
      phone: optional(v.phone),
      email: optional(v.email),
      website: optional(v.website),
    },
    signatories: v.signatories,
    signOff: v.signOff,
    contact: { name: v.contactName, email: optional(v.contactEmail), phone: optional(v.contactPhone) },
    referencePrefix: v.referencePrefix.trim(),
    responseDays: v.responseDays.trim() === '' ? Number.NaN : Number(v.responseDays),
    theme: v.colour ? { colour: v.colour } : undefined,
  };
}

async function organisationPage(c: C, values?: OrganisationValues, errors: FieldError[] = [], logoError?: string) {
  const org = await orgs.getOrganisationBySlug(c.var.db, slugOf(c));
  return page(
    c,
    <OrganisationPage
      chrome={chrome(c)}
      slug={org.slug}
      values={values ?? organisationValues(org)}
      errors={errors}
      logoUrl={logoUrl(org.slug, org.theme)}
      logoError={logoError}
      notice={notice(c, c.req.query('logo') !== undefined ? t.logoSaved : t.saved)}
    />,
    errors.length || logoError ? 422 : 200,
  );
}

// ---- councils ----------------------------------------------------------------------------

const councilFromForm = (body: FormBody): CouncilValues => ({
  name: formText(body, 'name'),
  salutation: formText(body, 'salutation'),
  recipients: formText(body, 'recipients'),
  addressLines: formText(body, 'addressLines'),
});

const councilInput = (body: FormBody) => ({
  name: formText(body, 'name'),
  salutation: optional(formText(body, 'salutation')),
  recipients: formLines(body, 'recipients'),
  addressLines: formLines(body, 'addressLines'),
});

// ---- users -------------------------------------------------------------------------------

async function councilOptions(c: C) {
  return (await orgs.listCouncils(c.var.db, admin(c).orgId)).map((x) => ({ id: x.id, name: x.name }));
}

const userFromForm = (body: FormBody, email = formText(body, 'email')): UserValues => ({
  email,
  name: formText(body, 'name'),
  role: formText(body, 'role'),
  councilId: formText(body, 'councilId'),
  disabled: formText(body, 'disabled') !== '',
});

export function registerAdminWebRoutes(app: WebApp) {
  const base = '/organisaties/:slug/beheer';

  webRoute(app, 'get', base, 'orgAdmin', (c) => organisationPage(c));

  webRoute(app, 'post', base, 'orgAdmin', async (c) => {
    const values = organisationFromForm(await c.req.parseBody());
    const parsed = updateOrganisationShape.safeParse(organisationInput(values));
    if (!parsed.success) return organisationPage(c, values, listFields(fieldErrors(parsed.error), ['letterhead.addressLines']));
    const result = await attempt(() => orgs.updateOrganisation(c.var.db, admin(c), slugOf(c), parsed.data));
    if ('errors' in result) return organisationPage(c, values, result.errors);
    return seeOther(c, `/organisaties/${slugOf(c)}/beheer?opgeslagen`);
  });

  webRoute(app, 'post', `${base}/logo`, 'orgAdmin', async (c) => {
    const file = (await c.req.parseBody())['logo'];
    const bytes = file instanceof File && file.size > 0 ? new Uint8Array(await file.arrayBuffer()) : new Uint8Array();
    const result = await attempt(() => setOrganisationLogo(c.var.db, c.env.DOCUMENTS, admin(c), slugOf(c), bytes));
    if ('errors' in result) return organisationPage(c, undefined, [], result.errors[0].message);
    return seeOther(c, `/organisaties/${slugOf(c)}/beheer?opgeslagen&logo`);
  });

  webRoute(app, 'get', `${base}/adviesraden`, 'orgAdmin', async (c) => {
    const councils = await orgs.listCouncils(c.var.db, admin(c).orgId);
    return page(c, <CouncilsPage chrome={chrome(c)} slug={slugOf(c)} councils={councils} notice={notice(c, t.councilSaved)} />);
  });

  webRoute(app, 'get', `${base}/adviesraden/nieuw`, 'orgAdmin', (c) =>
    page(c, <CouncilFormPage chrome={chrome(c)} slug={slugOf(c)} values={{ name: '', salutation: '', recipients: '', addressLines: '' }} errors={[]} />),
  );

  webRoute(app, 'post', `${base}/adviesraden/nieuw`, 'orgAdmin', async (c) => {
    const body = await c.req.parseBody();
    const parsed = createCouncilShape.safeParse(councilInput(body));
    const errors = parsed.success ? [] : listFields(fieldErrors(parsed.error), ['recipients', 'addressLines']);
    const result = parsed.success ? await attempt(() => orgs.createCouncil(c.var.db, admin(c), slugOf(c), parsed.data)) : { errors };
    if ('errors' in result) return page(c, <CouncilFormPage chrome={chrome(c)} slug={slugOf(c)} values={councilFromForm(body)} errors={result.errors} />, 422);
    return seeOther(c, `/organisaties/${slugOf(c)}/beheer/adviesraden?opgeslagen`);
  });

  webRoute(app, 'get', `${base}/adviesraden/:councilId`, 'orgAdmin', async (c) => {
    const council = (await orgs.listCouncils(c.var.db, admin(c).orgId)).find((x) => x.id === c.req.param('councilId'));
    if (!council) throw notFound();
    const values = { name: council.name, salutation: council.salutation, recipients: council.recipients.join('\n'), addressLines: council.addressLines.join('\n') };
    return page(c, <CouncilFormPage chrome={chrome(c)} slug={slugOf(c)} councilId={council.id} values={values} errors={[]} />);
  });

  webRoute(app, 'post', `${base}/adviesraden/:councilId`, 'orgAdmin', async (c) => {
    const body = await c.req.parseBody();
    const councilId = c.req.param('councilId') ?? '';
    const parsed = createCouncilShape.safeParse(councilInput(body));
    const errors = parsed.success ? [] : listFields(fieldErrors(parsed.error), ['recipients', 'addressLines']);
    const result = parsed.success ? await attempt(() => orgs.updateCouncil(c.var.db, admin(c), slugOf(c), councilId, parsed.data)) : { errors };
    if ('errors' in result) return page(c, <CouncilFormPage chrome={chrome(c)} slug={slugOf(c)} councilId={councilId} values={councilFromForm(body)} errors={result.errors} />, 422);
    return seeOther(c, `/organisaties/${slugOf(c)}/beheer/adviesraden?opgeslagen`);
  });

  webRoute(app, 'get', `${base}/gebruikers`, 'orgAdmin', async (c) => {
    const [users, councils] = await Promise.all([orgs.listUsers(c.var.db, admin(c).orgId), orgs.listCouncils(c.var.db, admin(c).orgId)]);
    const councilName = new Map(councils.map((x) => [x.id, x.name]));
    const list = users.map((u) => ({ id: u.id, name: u.name, email: u.email, role: u.role, councilName: u.councilId ? (councilName.get(u.councilId) ?? null) : null, disabled: !!u.disabledAt }));
    const removed = c.req.query('passkeys') !== undefined ? nl.web.passkey.adminResetDone : null;
    return page(c, <UsersPage chrome={chrome(c)} slug={slugOf(c)} users={list} notice={removed ?? notice(c, t.userSaved)} />);
  });

  webRoute(app, 'get', `${base}/gebruikers/nieuw`, 'orgAdmin', async (c) =>
    page(
      c,
      <UserFormPage chrome={chrome(c)} slug={slugOf(c)} councils={await councilOptions(c)} values={{ email: '', name: '', role: 'official', councilId: '', disabled: false }} errors={[]} />,
    ),
  );

  webRoute(app, 'post', `${base}/gebruikers/nieuw`, 'orgAdmin', async (c) => {
    const body = await c.req.parseBody();
    const values = userFromForm(body);
    const parsed = createUserShape.safeParse({ email: values.email, name: values.name, role: values.role || undefined, councilId: optional(values.councilId) });
    const errors = parsed.success ? [] : fieldErrors(parsed.error);
    const result = parsed.success ? await attempt(() => orgs.createUser(c.var.db, admin(c), slugOf(c), parsed.data)) : { errors };
    if ('errors' in result) return page(c, <UserFormPage chrome={chrome(c)} slug={slugOf(c)} councils={await councilOptions(c)} values={values} errors={result.errors} />, 422);
    return seeOther(c, `/organisaties/${slugOf(c)}/beheer/gebruikers?opgeslagen`);
  });

  webRoute(app, 'get', `${base}/gebruikers/:userId`, 'orgAdmin', async (c) => {
    const { user } = await getUser(c.var.db, slugOf(c), c.req.param('userId') ?? '');
    const values = { email: user.email, name: user.name, role: user.role, councilId: user.councilId ?? '', disabled: !!user.disabledAt };
    return page(c, <UserFormPage chrome={chrome(c)} slug={slugOf(c)} userId={user.id} canResetPasskeys={needsPasskey(user.role)} councils={await councilOptions(c)} values={values} errors={[]} />);
  });

  webRoute(app, 'post', `${base}/gebruikers/:userId`, 'orgAdmin', async (c) => {
    const { user } = await getUser(c.var.db, slugOf(c), c.req.param('userId') ?? '');
    const values = userFromForm(await c.req.parseBody(), user.email);
    const parsed = updateUserShape.safeParse({ name: values.name, role: values.role || undefined, councilId: optional(values.councilId), disabled: values.disabled });
    const errors = parsed.success ? [] : fieldErrors(parsed.error);
    const result = parsed.success ? await attempt(() => updateUser(c.var.db, admin(c), slugOf(c), user.id, parsed.data)) : { errors };
    if ('errors' in result) {
      return page(c, <UserFormPage chrome={chrome(c)} slug={slugOf(c)} userId={user.id} canResetPasskeys={needsPasskey(user.role)} councils={await councilOptions(c)} values={values} errors={result.errors} />, 422);
    }
    return seeOther(c, `/organisaties/${slugOf(c)}/beheer/gebruikers?opgeslagen`);
  });

  // A lost passkey: remove the user's passkeys; a new one is registered at the next sign-in.
  webRoute(app, 'post', `${base}/gebruikers/:userId/passkeys`, 'orgAdmin', async (c) => {
    await removePasskeys(c.var.db, admin(c), slugOf(c), c.req.param('userId') ?? '');
    return seeOther(c, `/organisaties/${slugOf(c)}/beheer/gebruikers?passkeys`);
  });

  // The logo is shown in page headers (and may be in letters): public, cached long, its URL changes with it.
  webRoute(app, 'get', '/organisaties/:slug/logo', 'public', async (c) => {
    const object = await getOrganisationLogo(c.var.db, c.env.DOCUMENTS, slugOf(c));
    if (!object) throw notFound();
    return new Response(object.body, {
      headers: {
        'content-type': object.httpMetadata?.contentType ?? 'application/octet-stream',
        'cache-control': 'public, max-age=31536000, immutable',
        'x-content-type-options': 'nosniff',
        'content-security-policy': "default-src 'none'",
      },
    });
  });
}
