/** Mails of a consultation: the signed integral list to each participant, and the notices to staff. */
import { Text } from '@react-email/components';
import { nl } from '../../schema/i18n/nl';
import { ActionLink, Facts, Heading2, MailLayout, P } from './layout';
import { NoticeFrame } from './staff-notice-mail';

const t = nl.consultations.mail;

export type ListMailProps = {
  appName: string;
  organisationName: string;
  salutation: string;
  signOff: string;
  title: string;
  document: string;
  /** How many remarks this participant made. */
  remarkCount: number;
  /** Written out in Dutch ("1 oktober 2026"). */
  signedOn: string;
  filename: string;
  sha256: string;
  verifyUrl: string | null;
  contact: { name: string; email?: string; phone?: string };
};

/** The signed integral list to one participant: a short covering text, the list attached as PDF. */
export function ListMail(p: ListMailProps) {
  const contactDetails = [p.contact.email, p.contact.phone].filter(Boolean).join(', ');
  return (
    <MailLayout preview={t.preview(p.document)} sender={p.organisationName} appName={p.appName}>
      <P>{p.salutation}</P>
      <P>{t.intro(p.signOff, p.document)}</P>
      <P>{t.yourRemarks(p.remarkCount)}</P>
      <Facts
        rows={[
          [t.labels.title, p.title],
          [t.labels.document, p.document],
          [t.labels.remarks, String(p.remarkCount)],
          [t.labels.signedOn, p.signedOn],
          [t.labels.attachment, p.filename],
        ]}
      />
      <P>{t.attached(p.filename)}</P>
      <Heading2>{t.verifyHeading}</Heading2>
      <P>{t.verifyText}</P>
      <Text style={{ fontFamily: 'Consolas, Menlo, monospace', fontSize: '13px', wordBreak: 'break-all', margin: '0 0 14px' }}>
        {nl.mail.labels.sha256}: {p.sha256}
      </Text>
      <ActionLink href={p.verifyUrl}>{t.verifyLink}</ActionLink>
      <P>{nl.mail.letter.contact(p.contact.name, contactDetails)}</P>
      <P>
        {nl.mail.common.greeting}
        <br />
        {p.signOff}
      </P>
    </MailLayout>
  );
}

type NoticeProps = { appName: string; organisationName: string; title: string; status: string; url: string | null };

const facts = (p: NoticeProps) => ({ title: p.title, reference: '', councilName: '', dueOn: null, status: p.status });

/** To the approvers: an official asks for review and signature of the list. */
export function ListApprovalRequestedMail(p: NoticeProps & { requesterName: string }) {
  const line = t.approvalRequested(p.requesterName, p.title);
  return <NoticeFrame {...p} dossier={facts(p)} dossierUrl={p.url} preview={line} lines={[line]} action={t.open} />;
}

/** To the official who asked for approval: the approver sent the list back, with the comment. */
export function ListReturnedMail(p: NoticeProps & { approverName: string; comment: string }) {
  const line = t.returned(p.approverName, p.title);
  return <NoticeFrame {...p} dossier={facts(p)} dossierUrl={p.url} preview={line} lines={[line]} comment={p.comment} action={t.open} />;
}

/** To the official who asked for approval: the list is signed and can be sent. */
export function ListSignedMail(p: NoticeProps & { approverName: string; signedOn: string }) {
  const line = t.signed(p.approverName, p.title, p.signedOn);
  return <NoticeFrame {...p} dossier={facts(p)} dossierUrl={p.url} preview={line} lines={[line]} action={t.open} />;
}
