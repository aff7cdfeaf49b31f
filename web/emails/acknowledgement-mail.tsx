import { nl } from '../../schema/i18n/nl';
import { Facts, MailLayout, P } from './layout';

export type AcknowledgementMailProps = {
  appName: string;
  organisationName: string;
  salutation: string;
  councilName: string;
  title: string;
  reference: string;
  councilReference: string | null;
  letterDate: string;
  receivedOn: string;
  dueOn: string;
};

/** Sent to the council when its advice is submitted: proof of receipt and the term. */
export function AcknowledgementMail(p: AcknowledgementMailProps) {
  const t = nl.mail.acknowledgement;
  const l = nl.mail.labels;
  return (
    <MailLayout preview={t.preview(p.reference)} sender={p.organisationName} appName={p.appName} footerNote={nl.mail.common.quoteReference(p.reference)}>
      <P>{p.salutation}</P>
      <P>{t.body(p.councilName, p.title)}</P>
      <Facts
        rows={[
          [l.reference, p.reference],
          [l.councilReference, p.councilReference],
          [l.title, p.title],
          [l.letterDate, p.letterDate],
          [l.receivedOn, p.receivedOn],
          [l.dueOn, p.dueOn],
        ]}
      />
      <P>{t.due(p.dueOn)}</P>
      <P>
        {nl.mail.common.greeting}
        <br />
        {p.organisationName}
      </P>
    </MailLayout>
  );
}
