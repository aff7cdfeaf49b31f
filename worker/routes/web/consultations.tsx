/**
 * Consultation pages: the list, starting one, one consultation (for staff and for council members),
 * a council's remark, closing, approval, return, sending, and the list as HTML and PDF.
 */
import type { Context } from 'hono';
import type { ZodError } from 'zod';
import type { AppEnv, UserPrincipal } from '../../context';
import { fieldErrors } from '../../../schema/zod';
import { consultationInputShape, consultationReturnShape, remarkInputShape } from '../../../schema/consultations';
import { nl } from '../../../schema/i18n/nl';
import * as service from '../../services/consultations';
import { requestListApproval, returnList, sendList } from '../../services/consultation-review';
import { listDeliveriesOf } from '../../services/consultation-notifications';
import { listCouncils } from '../../services/organisations';
import { mailContext } from '../../services/mail-context';
import { isCouncilRole, mayCreateConsultation, mayOnConsultation } from '../../policy';
import { AppError, forbidden } from '../../errors';
import { ConsultationListPage, NewConsultationPage, emptyConsultationValues, type NewConsultationValues } from '../../../web/pages/consultations';
import { CouncilConsultationPage, StaffConsultationPage, type RemarkFormValues } from '../../../web/pages/consultation';
import type { FieldError } from '../../../web/components/form';
import { answerQuery, pageOfRemark } from '../../../web/pages/consultation-answer';
import { listResponse } from '../consultations';
import { applyConsultationAction, consultationValuesFromForm, toConsultationInput } from './consultation-form';
import { formText, serviceFieldErrors } from './forms';
import { chrome, page, seeOther } from './render';
import { webRoute, type WebApp } from './route';
import { postRemarkEntry, registerConsultationAnswerRoutes } from './consultation-answers';
import { foundConsultation, type FoundConsultation } from './consultation-scope';
import { registerConsultationSigningRoutes } from './consultation-signing';
import { consultationPublicationPanel, type PanelState } from './publication-panel';

type C = Context<AppEnv>;

const t = nl.consultations.web;
const user = (c: C) => c.var.principal as UserPrincipal;

function noticeFor(c: C): string | null {
  const q = (k: string) => c.req.query(k) !== undefined;
  if (q('gestart')) return t.started;
  if (q('gesloten')) return t.closed;
  if (q('goedkeuring')) return t.requested;
  if (q('teruggestuurd')) return t.returned;
  if (q('ondertekend')) return t.signed;
  if (q('verzonden')) return t.sent;
  const saved = c.req.query('opgeslagen');
  if (saved && /^\d+$/.test(saved)) return t.remarkSaved(Number(saved));
  return null;
}

type StaffExtra = {
  pageErrors?: (FieldError & { href: string })[];
  comment?: string;
  commentErrors?: FieldError[];
  /** The publication form as posted, with its errors. */
  publication?: PanelState;
  status?: number;
};

export async function staffPage(c: C, { read, p }: FoundConsultation, extra: StaffExtra = {}) {
  const s = read.scope;
  const status = s.status;
  const deliveries = status === 'signed' || status === 'sent' ? await listDeliveriesOf(c.var.db, s.id) : [];
  return page(
    c,
    <StaffConsultationPage
      chrome={chrome(c)}
      consultation={read.consultation}
      participants={read.participants.map((x) => ({ id: x.id, name: x.name, council: x.councilId !== null, recipients: x.recipients.length }))}
      can={{
        enterRemarks: status === 'open' && !isCouncilRole(p) && mayOnConsultation(p, s, 'addRemark'),
        close: status === 'open' && mayOnConsultation(p, s, 'close'),
        answer: status === 'open' || status === 'closed' ? mayOnConsultation(p, s, 'respond') : false,
        requestApproval: status === 'closed' && mayOnConsultation(p, s, 'requestApproval'),
        review: status === 'in_review' && mayOnConsultation(p, s, 'return'),
        approve: status === 'in_review' && mayOnConsultation(p, s, 'approve'),
        send: status === 'signed' && mayOnConsultation(p, s, 'send'),
      }}
      fourEyes={status === 'in_review' && s.approvalRequestedBy === p.id}
      deliveries={deliveries}
      notice={noticeFor(c)}
      pageErrors={extra.pageErrors}
      comment={extra.comment}
      commentErrors={extra.commentErrors}
      publication={consultationPublicationPanel(c, { scope: s, p }, extra.publication)}
    />,
    extra.status ?? 200,
  );
}

function councilPage(c: C, found: FoundConsultation, values: RemarkFormValues = { section: '', text: '' }, errors: FieldError[] = [], status = 200) {
  const { read, p } = found;
  const own = read.participants.find((x) => x.councilId === p.councilId);
  return page(
    c,
    <CouncilConsultationPage
      chrome={chrome(c)}
      consultation={service.consultationFor(p, read)}
      participantId={own?.id ?? ''}
      canAdd={read.scope.status === 'open' && mayOnConsultation(p, read.scope, 'addRemark')}
      values={values}
      errors={errors}
      notice={noticeFor(c)}
    />,
    status,
  );
}

function newPage(c: C, councils: { id: string; name: string }[], values: NewConsultationValues, errors: FieldError[], notice: string | null = null, status?: number) {
  return page(c, <NewConsultationPage chrome={chrome(c)} councils={councils} values={values} errors={errors} notice={notice} />, status ?? (errors.length ? 422 : 200));
}

export function registerConsultationWebRoutes(app: WebApp) {
  webRoute(app, 'get', '/consultaties', 'user', async (c) => {
    const p = user(c);
    const items = await service.listConsultations(c.var.db, p, p.orgSlug);
    return page(c, <ConsultationListPage chrome={chrome(c)} items={items} canStart={mayCreateConsultation(p)} councilName={isCouncilRole(p) ? (c.var.session?.councilName ?? '') : null} />);
  });

  webRoute(app, 'get', '/consultaties/nieuw', 'user', async (c) => {
    const p = user(c);
    if (!mayCreateConsultation(p)) throw forbidden();
    return newPage(c, await listCouncils(c.var.db, p.orgId), emptyConsultationValues(), []);
  });

  webRoute(app, 'post', '/consultaties/nieuw', 'user', async (c) => {
    const p = user(c);
    if (!mayCreateConsultation(p)) throw forbidden();
    const councils = await listCouncils(c.var.db, p.orgId);
    const body = await c.req.parseBody({ all: true });
    const values = consultationValuesFromForm(body);
    const changed = applyConsultationAction(values, formText(body, 'action'));
    if (changed) return newPage(c, councils, changed.values, [], changed.notice);
    const { input, mapErrors } = toConsultationInput(values, councils);
    const parsed = consultationInputShape.safeParse(input);
    if (!parsed.success) return newPage(c, councils, values, mapErrors(fieldErrors(parsed.error as ZodError)));
    let id: string;
    try {
      id = (await service.createConsultation(c.var.db, p, parsed.data)).id;
    } catch (err) {
      const errors = serviceFieldErrors(err);
      if (errors) return newPage(c, councils, values, mapErrors(errors));
      throw err;
    }
    return seeOther(c, `/consultaties/${id}?gestart`);
  });

  webRoute(app, 'get', '/consultaties/:id', { policy: 'user', load: 'consultation', action: 'view' }, async (c) => {
    const found = foundConsultation(c);
    return isCouncilRole(found.p) ? councilPage(c, found) : staffPage(c, found);
  });

  // A council member or secretary adds a remark of their own council.
  webRoute(app, 'post', '/consultaties/:id/opmerkingen', { policy: 'user', load: 'consultation', action: 'addRemark' }, async (c) => {
    const found = foundConsultation(c);
    if (!isCouncilRole(found.p)) return postRemarkEntry(c, found);
    const body = await c.req.parseBody();
    const values = { section: formText(body, 'section'), text: formText(body, 'text') };
    const own = found.read.participants.find((x) => x.councilId === found.p.councilId);
    const parsed = remarkInputShape.safeParse({ participantId: own?.id ?? '', text: values.text, ...(values.section.trim() ? { section: values.section } : {}) });
    if (!parsed.success) return councilPage(c, found, values, fieldErrors(parsed.error as ZodError), 422);
    const { participantId, ...remark } = parsed.data;
    const [added] = await service.addRemarks(c.var.db, found.p, found.read.scope, participantId, [remark]);
    return seeOther(c, `/consultaties/${found.read.scope.id}?opgeslagen=${added.number}#opmerking-${added.number}`);
  });

  webRoute(app, 'post', '/consultaties/:id/sluiten', { policy: 'user', load: 'consultationRow', action: 'close' }, async (c) => {
    await service.closeConsultation(c.var.db, user(c), c.var.consultation);
    return seeOther(c, `/consultaties/${c.var.consultation.id}?gesloten`);
  });

  webRoute(app, 'post', '/consultaties/:id/goedkeuring', { policy: 'user', load: 'consultation', action: 'requestApproval' }, async (c) => {
    const found = foundConsultation(c);
    try {
      await requestListApproval(c.var.db, found.p, found.read.scope, mailContext(c.env, c.req.url));
    } catch (err) {
      const errors = err instanceof AppError && err.status === 422 ? serviceFieldErrors(err) : null;
      if (!errors) throw err;
      // participants.P.remarks.R.response → that remark on the answering page.
      const pageErrors = errors.map((e) => {
        const [, pi, , ri] = e.path.split('.');
        const remark = found.read.consultation.participants[Number(pi)]?.remarks[Number(ri)];
        if (!remark) return { ...e, href: '#' };
        const view = { order: 'deelnemer' as const, unansweredFirst: true };
        const page = pageOfRemark(found.read.consultation, view, remark.id);
        return { ...e, href: `/consultaties/${found.read.scope.id}/beantwoorden${answerQuery({ ...view, page })}#opmerking-${remark.number}` };
      });
      return staffPage(c, found, { pageErrors, status: 422 });
    }
    return seeOther(c, `/consultaties/${found.read.scope.id}?goedkeuring`);
  });

  webRoute(app, 'post', '/consultaties/:id/terugsturen', { policy: 'user', load: 'consultation', action: 'return' }, async (c) => {
    const found = foundConsultation(c);
    const comment = formText(await c.req.parseBody(), 'comment');
    const parsed = consultationReturnShape.safeParse({ comment });
    if (!parsed.success) return staffPage(c, found, { comment, commentErrors: fieldErrors(parsed.error as ZodError), status: 422 });
    await returnList(c.var.db, found.p, found.read.scope, parsed.data.comment, mailContext(c.env, c.req.url));
    return seeOther(c, `/consultaties/${found.read.scope.id}?teruggestuurd`);
  });

  webRoute(app, 'post', '/consultaties/:id/verzenden', { policy: 'user', load: 'consultation', action: 'send' }, async (c) => {
    const { read, p } = foundConsultation(c);
    await sendList(c.var.db, c.env.DOCUMENTS, mailContext(c.env, c.req.url), p, read);
    return seeOther(c, `/consultaties/${read.scope.id}?verzonden`);
  });

  // The list as the API serves it; the PDF as a download.
  const viewList = { policy: 'user', load: 'consultationRow', action: 'viewList' } as const;
  webRoute(app, 'get', '/consultaties/:id/lijst.html', viewList, async (c) => listResponse(c, c.var.consultation, 'html'));
  webRoute(app, 'get', '/consultaties/:id/lijst.pdf', viewList, async (c) => listResponse(c, c.var.consultation, 'pdf', { download: true }));

  registerConsultationAnswerRoutes(app);
  registerConsultationSigningRoutes(app);
}
