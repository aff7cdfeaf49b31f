import { nl } from '../../schema/i18n/nl';
import { ActionLink, Facts, MailLayout, P, Quote } from './layout';

/** The facts every notice to staff repeats, so the mail can be acted on without opening the app. */
export type DossierFacts = {
  title: string;
  reference: string;
  councilName: string;
  dueOn: string | null;
  status?: string;
};

type NoticeBase = { appName: string; organisationName: string; dossier: DossierFacts; dossierUrl: string | null };

/** The frame of every notice to staff; `action` names the link (default: open the dossier). */
export function NoticeFrame(p: NoticeBase & { preview: string; lines: string[]; comment?: string; action?: string }) {
  const l = nl.mail.labels;
  return (
    <MailLayout preview={p.preview} sender={p.organisationName} appName={p.appName}>
      {p.lines.slice(0, 1).map((line) => (
        <P key={line}>{line}</P>
      ))}
      {p.comment ? (
        <>
          <P>
            <strong>{l.comment}:</strong>
          </P>
          <Quote>{p.comment}</Quote>
        </>
      ) : null}
      {p.lines.slice(1).map((line) => (
        <P key={line}>{line}</P>
      ))}
      <Facts
        rows={[
          [l.reference, p.dossier.reference],
          [l.title, p.dossier.title],
          [l.council, p.dossier.councilName],
          [l.dueOn, p.dossier.dueOn],
          [l.status, p.dossier.status],
        ]}
      />
      <ActionLink href={p.dossierUrl}>{p.action ?? nl.mail.common.openDossier}</ActionLink>
    </MailLayout>
  );
}

/** To the organisation's officials: a council has submitted advice. */
export function AdviceArrivedMail(p: NoticeBase & { questions: number; adviceItems: number }) {
  const t = nl.mail.adviceArrived;
  return <NoticeFrame {...p} preview={t.preview(p.dossier.councilName)} lines={[t.body(p.dossier.councilName, p.dossier.title), t.items(p.questions, p.adviceItems)]} />;
}

/** To the approvers: an official asks for review and signature. */
export function ApprovalRequestedMail(p: NoticeBase & { requesterName: string }) {
  const t = nl.mail.approvalRequested;
  return <NoticeFrame {...p} preview={t.preview(p.requesterName)} lines={[t.body(p.requesterName, p.dossier.title)]} />;
}

/** To the official who asked for approval: the approver sent it back, with the comment. */
export function ReturnedMail(p: NoticeBase & { approverName: string; comment: string }) {
  const t = nl.mail.returned;
  return <NoticeFrame {...p} preview={t.preview(p.approverName)} lines={[t.body(p.approverName, p.dossier.title)]} comment={p.comment} />;
}

/** To the official who asked for approval: the letter is signed and can be sent. */
export function SignedMail(p: NoticeBase & { approverName: string; signedOn: string }) {
  const t = nl.mail.signed;
  return (
    <NoticeFrame
      {...p}
      preview={t.preview(p.approverName)}
      lines={[t.body(p.approverName, p.dossier.title, p.signedOn), t.next(p.dossier.councilName)]}
    />
  );
}

/** To the organisation's officials: the term ends in 7 days, or ended yesterday. */
export function ReminderMail(p: NoticeBase & { kind: 'before' | 'overdue'; dueOnText: string; daysLeft: number; statusText: string }) {
  const t = nl.mail.reminder;
  const lines =
    p.kind === 'before'
      ? [t.before(p.dossier.title, p.dueOnText, p.daysLeft), t.currentStatus(p.statusText)]
      : [t.overdue(p.dossier.title, p.dueOnText), t.currentStatus(p.statusText)];
  return <NoticeFrame {...p} preview={p.kind === 'before' ? t.previewBefore(p.dueOnText, p.daysLeft) : t.previewOverdue(p.dueOnText)} lines={lines} />;
}
