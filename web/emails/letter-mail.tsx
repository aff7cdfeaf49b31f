import { Text } from '@react-email/components';
import { nl } from '../../schema/i18n/nl';
import { ActionLink, Facts, Heading2, MailLayout, P } from './layout';

export type LetterOverview = { adopted: number; partly: number; declined: number; already_done: number; questions: number };

export type LetterMailProps = {
  appName: string;
  organisationName: string;
  salutation: string;
  signOff: string;
  title: string;
  /** Dates already written out in Dutch ("1 oktober 2026"). */
  letterDate: string;
  signedOn: string;
  reference: string;
  councilReference: string | null;
  filename: string;
  overview: LetterOverview;
  sha256: string;
  verifyUrl: string | null;
  contact: { name: string; email?: string; phone?: string };
};

/** The response letter to the council: a summary of the attached, signed PDF. */
export function LetterMail(p: LetterMailProps) {
  const t = nl.mail.letter;
  const l = nl.mail.labels;
  const adviceTotal = p.overview.adopted + p.overview.partly + p.overview.declined + p.overview.already_done;
  const contactDetails = [p.contact.email, p.contact.phone].filter(Boolean).join(', ');
  return (
    <MailLayout preview={t.preview(p.reference)} sender={p.organisationName} appName={p.appName} footerNote={nl.mail.common.quoteReference(p.reference)}>
      <P>{p.salutation}</P>
      <P>{t.intro(p.signOff, p.title, p.letterDate)}</P>
      <Facts
        rows={[
          [l.reference, p.reference],
          [l.councilReference, p.councilReference ?? nl.mail.common.noCouncilReference],
          [l.letterDate, p.letterDate],
          [l.signedOn, p.signedOn],
          [l.attachment, p.filename],
        ]}
      />
      <P>{t.attached(p.filename)}</P>
      <Heading2>{t.overviewHeading}</Heading2>
      {adviceTotal > 0 ? (
        <>
          <P>{t.overviewAdvice(adviceTotal)}</P>
          <Facts
            rows={[
              [nl.responseStatus.adopted, String(p.overview.adopted)],
              [nl.responseStatus.partly, String(p.overview.partly)],
              [nl.responseStatus.declined, String(p.overview.declined)],
              [nl.responseStatus.already_done, String(p.overview.already_done)],
            ]}
          />
        </>
      ) : null}
      {p.overview.questions > 0 ? <P>{t.overviewQuestions(p.overview.questions)}</P> : null}
      <Heading2>{t.verifyHeading}</Heading2>
      <P>{t.verifyText(p.signedOn)}</P>
      <Text style={{ fontFamily: 'Consolas, Menlo, monospace', fontSize: '13px', wordBreak: 'break-all', margin: '0 0 14px' }}>
        {l.sha256}: {p.sha256}
      </Text>
      <ActionLink href={p.verifyUrl}>{t.verifyLink}</ActionLink>
      <P>{t.contact(p.contact.name, contactDetails)}</P>
      <P>
        {nl.mail.common.greeting}
        <br />
        {p.signOff}
      </P>
    </MailLayout>
  );
}
