/**
 * The approver's last step before a signed document is frozen: what is signed and on whose behalf,
 * the document as it will be sent, the content hash and the passkey confirmation bound to it.
 * One component for every signed document (the letter, the integral list).
 */
import type { ReactNode } from 'react';
import { nl } from '../../schema/i18n/nl';
import type { Signatory } from '../../schema/organisations';
import { Alert } from './form';
import { PasskeyForm } from './passkey-form';

const t = nl.web.review;

export function SignConfirm(props: {
  nonce: string;
  /** What is signed, in a sentence or two. */
  what: ReactNode;
  signOff: string;
  signatories: Signatory[];
  previewHeading: string;
  /** The document as it will be sent (a frame). */
  preview: ReactNode;
  freezeNotice: string;
  passkeyNotice: string;
  /** SHA-256 of the content shown; posted back and bound into the passkey challenge. */
  contentHash: string;
  /** The WebAuthn request options with the one-time signing challenge. */
  options: unknown;
  action: string;
  cancelHref: string;
}) {
  return (
    <>
      <div className="ww-panel ww-narrow">
        {props.what}
        <p className="utrecht-paragraph">{t.signOnBehalf(props.signOff)}</p>
        <ul className="utrecht-unordered-list">
          {props.signatories.map((s) => (
            <li className="utrecht-unordered-list__item" key={`${s.title}-${s.name}`}>
              {s.title}, {s.name}
            </li>
          ))}
        </ul>
      </div>
      <h2 className="utrecht-heading-2">{props.previewHeading}</h2>
      {props.preview}
      <div className="ww-panel ww-narrow">
        <Alert type="warning">
          <p className="utrecht-paragraph">{props.freezeNotice}</p>
        </Alert>
        <p className="utrecht-paragraph">{props.passkeyNotice}</p>
        <p className="utrecht-paragraph ww-muted ww-fingerprint">
          {t.signFingerprint}: <code>{props.contentHash}</code>
        </p>
        <PasskeyForm nonce={props.nonce} action={props.action} mode="get" options={props.options} button={t.signConfirm} fields={{ contentHash: props.contentHash }} />
        <p className="utrecht-paragraph">
          <a className="utrecht-link utrecht-link--html-a" href={props.cancelHref}>
            {nl.web.advice.cancel}
          </a>
        </p>
      </div>
    </>
  );
}
