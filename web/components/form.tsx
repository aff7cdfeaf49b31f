/**
 * Form fields in the NL Design System (Utrecht) markup. Every field has a visible label, its hint
 * and error are tied to it with aria-describedby, and an error sits right above the input.
 * Values are rendered as defaults: the page is the state, no client code is needed.
 */
import type { ReactNode } from 'react';
import { nl } from '../../schema/i18n/nl';

import type { FieldError } from '../../schema/zod';
export type { FieldError };

/** The id of the input for an error path such as `items.2.text`. */
export const fieldId = (path: string) => `f-${path.replace(/\./g, '-') || 'form'}`;

/** The first error message for a path, if any. */
export function errorFor(errors: readonly FieldError[] | undefined, path: string): string | undefined {
  return errors?.find((e) => e.path === path)?.message;
}

const describedBy = (...ids: unknown[]) => ids.filter((x): x is string => typeof x === 'string' && x !== '').join(' ') || undefined;

function ErrorText({ id, message }: { id: string; message: string }) {
  return (
    <div className="utrecht-form-field__error-message utrecht-form-field-error-message ww-field-error" id={id}>
      <span className="ww-visually-hidden">{nl.web.titleError}: </span>
      {message}
    </div>
  );
}

function Hint({ id, children }: { id: string; children: ReactNode }) {
  return (
    <div className="utrecht-form-field__description utrecht-form-field-description" id={id}>
      {children}
    </div>
  );
}

type Common = {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  id?: string;
  required?: boolean;
};

/**
 * A labelled field: label, hint and error above the control, tied to it by id. `control` gets
 * the id and the aria attributes to put on the input, textarea or select.
 */
function LabelledField(props: Common & { kind: 'text' | 'textarea' | 'select'; control: (aria: { id: string; invalid?: true; describedBy?: string }) => ReactNode }) {
  const id = props.id ?? fieldId(props.name);
  return (
    <div className={`utrecht-form-field utrecht-form-field--${props.kind}${props.error ? ' utrecht-form-field--invalid' : ''}`}>
      <div className="utrecht-form-field__label">
        <label className="utrecht-form-label" htmlFor={id}>
          {props.label}
        </label>
      </div>
      {props.hint && <Hint id={`${id}-hint`}>{props.hint}</Hint>}
      {props.error && <ErrorText id={`${id}-error`} message={props.error} />}
      <div className="utrecht-form-field__input">
        {props.control({ id, invalid: props.error ? true : undefined, describedBy: describedBy(props.hint && `${id}-hint`, props.error && `${id}-error`) })}
      </div>
    </div>
  );
}

export function TextField(
  props: Common & { value?: string | null; type?: 'text' | 'email' | 'date' | 'number' | 'tel' | 'url' | 'color'; width?: 'sm' | 'md' | 'full'; autoComplete?: string; inputMode?: 'numeric' | 'email'; min?: number; max?: number },
) {
  const width = props.width === 'sm' ? 'ww-textbox-sm' : props.width === 'md' ? 'ww-textbox-md' : 'ww-field-width-full';
  return (
    <LabelledField
      {...props}
      kind="text"
      control={(a) => (
        <input
          className={`utrecht-textbox utrecht-textbox--html-input ${width}${props.error ? ' utrecht-textbox--invalid' : ''}`}
          id={a.id}
          name={props.name}
          type={props.type ?? 'text'}
          defaultValue={props.value ?? ''}
          required={props.required}
          autoComplete={props.autoComplete}
          inputMode={props.inputMode}
          min={props.min}
          max={props.max}
          aria-invalid={a.invalid}
          aria-describedby={a.describedBy}
        />
      )}
    />
  );
}

export function TextAreaField(props: Common & { value?: string | null; rows?: number }) {
  return (
    <LabelledField
      {...props}
      kind="textarea"
      control={(a) => (
        <textarea
          className={`utrecht-textarea utrecht-textarea--html-textarea${props.error ? ' utrecht-textarea--invalid' : ''}`}
          id={a.id}
          name={props.name}
          rows={props.rows ?? 6}
          defaultValue={props.value ?? ''}
          required={props.required}
          aria-invalid={a.invalid}
          aria-describedby={a.describedBy}
        />
      )}
    />
  );
}

export type Option = { value: string; label: ReactNode; hint?: ReactNode };

/**
 * Radio buttons in a fieldset with a legend; the first radio carries the id that error links point to.
 * Each label wraps its radio (Utrecht's compact form field): a dossier page has one group per item.
 */
export function RadioGroup(props: Common & { options: Option[]; value?: string | null; inline?: boolean }) {
  const id = props.id ?? fieldId(props.name);
  return (
    <div className={`utrecht-form-fieldset${props.error ? ' utrecht-form-fieldset--invalid' : ''}`}>
      <fieldset
        className="utrecht-form-fieldset__fieldset utrecht-form-fieldset--html-fieldset"
        aria-describedby={describedBy(props.hint && `${id}-hint`, props.error && `${id}-error`)}
      >
        <legend className="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">{props.label}</legend>
        {props.hint && <Hint id={`${id}-hint`}>{props.hint}</Hint>}
        {props.error && <ErrorText id={`${id}-error`} message={props.error} />}
        <div className={props.inline ? 'ww-radio-list ww-radio-list--inline' : 'ww-radio-list'}>
          {props.options.map((o, i) => {
            // Utrecht's compact radio field: the label wraps its input (no id/for pair to repeat).
            const hintId = o.hint ? `${id}-${i + 1}-hint` : undefined;
            return (
              <div className="utrecht-form-field utrecht-form-field--radio" key={o.value}>
                <label className="utrecht-form-field__label utrecht-form-label utrecht-form-label--radio">
                  <input
                    type="radio"
                    className={`utrecht-radio-button utrecht-radio-button--html-input utrecht-form-field__input${props.error ? ' utrecht-radio-button--invalid' : ''}`}
                    id={i === 0 ? id : undefined}
                    name={props.name}
                    value={o.value}
                    defaultChecked={props.value === o.value}
                    required={props.required}
                    aria-describedby={hintId}
                  />
                  {o.label}
                </label>
                {o.hint && <Hint id={hintId!}>{o.hint}</Hint>}
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

export function SelectField(props: Common & { options: Option[]; value?: string | null }) {
  return (
    <LabelledField
      {...props}
      kind="select"
      control={(a) => (
        <select
          className={`utrecht-select utrecht-select--html-select${props.error ? ' utrecht-select--invalid' : ''}`}
          id={a.id}
          name={props.name}
          defaultValue={props.value ?? ''}
          aria-invalid={a.invalid}
          aria-describedby={a.describedBy}
        >
          {props.options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    />
  );
}

export function Checkbox(props: { name: string; label: ReactNode; checked?: boolean; id?: string; value?: string; hint?: ReactNode }) {
  const id = props.id ?? fieldId(props.name);
  return (
    <div className="utrecht-form-field utrecht-form-field--checkbox">
      <div className="utrecht-form-field__input">
        <input
          type="checkbox"
          className="utrecht-checkbox utrecht-checkbox--html-input"
          id={id}
          name={props.name}
          value={props.value ?? '1'}
          defaultChecked={props.checked}
          aria-describedby={props.hint ? `${id}-hint` : undefined}
        />
      </div>
      <div className="utrecht-form-field__label utrecht-form-field__label--checkbox">
        <label className="utrecht-form-label utrecht-form-label--checkbox" htmlFor={id}>
          {props.label}
        </label>
      </div>
      {props.hint && <Hint id={`${id}-hint`}>{props.hint}</Hint>}
    </div>
  );
}

/**
 * The list of problems at the top of a form, each linked to its field. The page script moves focus
 * here on load so that screen reader users hear it first.
 */
export function ErrorSummary({ errors, title = nl.web.errors.summaryTitle, hrefFor }: { errors: readonly FieldError[]; title?: string; hrefFor?: (path: string) => string }) {
  if (errors.length === 0) return null;
  return (
    <div className="utrecht-alert utrecht-alert--error ww-error-summary" role="group" aria-labelledby="error-summary-title" tabIndex={-1} data-error-summary="">
      <div className="utrecht-alert__content">
        <div className="utrecht-alert__message">
          <h2 className="utrecht-heading-3" id="error-summary-title">
            {title}
          </h2>
          <ul className="utrecht-unordered-list">
            {errors.map((e, i) => (
              <li className="utrecht-unordered-list__item" key={`${e.path}-${i}`}>
                <a className="utrecht-link utrecht-link--html-a" href={hrefFor ? hrefFor(e.path) : `#${fieldId(e.path)}`}>
                  {e.message}
                </a>
              </li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}

// Whole class names, so that the CSS build (which keeps only classes it finds in web/) sees them.
const BUTTON_VARIANT = {
  primary: 'utrecht-button--primary-action',
  secondary: 'utrecht-button--secondary-action',
  subtle: 'utrecht-button--subtle',
} as const;

const ALERT_TYPE = {
  info: 'utrecht-alert--info',
  ok: 'utrecht-alert--ok',
  warning: 'utrecht-alert--warning',
  error: 'utrecht-alert--error',
} as const;

export function Button(props: {
  children: ReactNode;
  variant?: 'primary' | 'secondary' | 'subtle';
  name?: string;
  value?: string;
  formAction?: string;
  id?: string;
  className?: string;
  'aria-describedby'?: string;
  hidden?: boolean;
  tabIndex?: number;
  dataAction?: string;
}) {
  const variant = props.variant ?? 'primary';
  return (
    <button
      type="submit"
      className={`utrecht-button ${BUTTON_VARIANT[variant]}${props.className ? ` ${props.className}` : ''}`}
      name={props.name}
      value={props.value}
      formAction={props.formAction}
      id={props.id}
      aria-describedby={props['aria-describedby']}
      hidden={props.hidden}
      tabIndex={props.tabIndex}
      data-item-action={props.dataAction}
    >
      {props.children}
    </button>
  );
}

/** A link that looks like a button (for GET navigation to a form or confirmation page). */
export function ButtonLink(props: { href: string; children: ReactNode; variant?: 'primary' | 'secondary' | 'subtle' }) {
  return (
    <a
      href={props.href}
      className={`utrecht-button ${BUTTON_VARIANT[props.variant ?? 'primary']} ww-button-link`}
    >
      {props.children}
    </a>
  );
}

export function Alert({ type, children, title, live }: { type: 'info' | 'ok' | 'warning' | 'error'; children?: ReactNode; title?: ReactNode; live?: boolean }) {
  return (
    <div className={`utrecht-alert ${ALERT_TYPE[type]}`} role={live ? 'status' : undefined}>
      <div className="utrecht-alert__content">
        <div className="utrecht-alert__message">
          {title && <h2 className="utrecht-heading-3">{title}</h2>}
          {children}
        </div>
      </div>
    </div>
  );
}
