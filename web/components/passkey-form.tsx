/**
 * A form that runs a WebAuthn ceremony before it posts: /assets/passkey.js reads the options from
 * the JSON data block, asks the browser (navigator.credentials.create or .get), puts the answer in
 * the hidden `credential` field and submits. Without JavaScript the form says so; posting it
 * without an answer is refused by the server.
 */
import type { ReactNode } from 'react';
import { nl } from '../../schema/i18n/nl';
import { Button } from './form';

const t = nl.web.passkey;

/** JSON for a data block inside <script>: nothing in it can close the element. */
const jsonBlock = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

export function PasskeyForm(props: {
  nonce: string;
  action: string;
  mode: 'create' | 'get';
  options: unknown;
  button: string;
  /** Hidden fields posted with the answer (e.g. the content hash that was shown). */
  fields?: Record<string, string>;
  children?: ReactNode;
}) {
  return (
    <>
      <form
        method="post"
        action={props.action}
        className="ww-form"
        data-webauthn={props.mode}
        data-msg-busy={t.busy}
        data-msg-cancelled={t.cancelled}
        data-msg-unsupported={t.unsupported}
      >
        {props.children}
        {Object.entries(props.fields ?? {}).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <input type="hidden" name="credential" value="" />
        <noscript>
          <p className="utrecht-paragraph">
            <strong>{t.noScript}</strong>
          </p>
        </noscript>
        <p className="utrecht-paragraph" role="status" aria-live="polite" data-webauthn-status="" />
        <Button>{props.button}</Button>
      </form>
      <script type="application/json" id="webauthn-options" dangerouslySetInnerHTML={{ __html: jsonBlock(props.options) }} />
      <script nonce={props.nonce} src="/assets/passkey.js" defer />
    </>
  );
}
