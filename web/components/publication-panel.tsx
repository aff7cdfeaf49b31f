/**
 * The staff's panel on every dossier page and consultation page: the Woo publication decision, who
 * took it, and the form to change it.
 */
import { nl } from '../../schema/i18n/nl';
import type { PublicationView } from '../../schema/publication';
import { WOO_GROUNDS } from '../../schema/woo-grounds';
import { Alert, Button, RadioGroup, SelectField, TextAreaField, type FieldError } from './form';
import { dutchDateTime } from '../format';

const t = nl.publication.panel;

export type PublicationPanelProps = {
  /** Where the form posts (the dossier's or the consultation's `…/openbaarmaking`). */
  action: string;
  /** What is published: a dossier (the default words) or a consultation's list. */
  subject?: 'advice' | 'list';
  view: PublicationView;
  /** The public page, when the dossier is public. */
  publicUrl: string | null;
  canDecide: boolean;
  /** What was posted, shown again with its errors. */
  values?: { publish: string; reason: string; ground: string };
  errors?: FieldError[];
  notice?: string | null;
};

export function PublicationPanel(props: PublicationPanelProps) {
  const { view } = props;
  const words = props.subject === 'list' ? { ...t, ...nl.publication.lists.panel } : t;
  const err = (path: string) => props.errors?.find((e) => e.path === path)?.message;
  const values = props.values ?? { publish: view.publish ? 'yes' : 'no', reason: view.reason ?? '', ground: view.ground ?? '' };
  const state = view.public ? words.statusPublic : view.publish ? words.statusWillPublish : t.statusWithheld;
  return (
    <section className="ww-panel" aria-labelledby="publication-title" id="openbaarmaking">
      <h2 className="utrecht-heading-3" id="publication-title">
        {t.heading}
      </h2>
      {props.notice && (
        <Alert type="ok" live>
          <p className="utrecht-paragraph">{props.notice}</p>
        </Alert>
      )}
      <p className="utrecht-paragraph">
        <strong>{state}</strong> {view.decidedBy && view.decidedAt ? t.decided(view.decidedBy.name, dutchDateTime(view.decidedAt)) : t.byDefault}
      </p>
      {!view.publish && (
        <dl className="ww-facts">
          <div>
            <dt>{t.reason}</dt>
            <dd className="ww-item__text">{view.reason}</dd>
          </div>
          {view.groundLabel && (
            <div>
              <dt>{t.ground}</dt>
              <dd>{view.groundLabel}</dd>
            </div>
          )}
        </dl>
      )}
      {props.publicUrl && (
        <p className="utrecht-paragraph">
          <a className="utrecht-link utrecht-link--html-a" href={props.publicUrl}>
            {t.publicLink}
          </a>
        </p>
      )}
      {props.canDecide && (
        <form method="post" action={props.action} className="ww-form" noValidate>
          <p className="utrecht-paragraph ww-muted">{words.intro}</p>
          <RadioGroup
            name="publish"
            label={t.choiceLegend}
            inline
            options={[
              { value: 'yes', label: t.choicePublish },
              { value: 'no', label: t.choiceWithhold },
            ]}
            value={values.publish}
            error={err('publish')}
          />
          <TextAreaField name="reason" label={t.reasonLabel} hint={words.reasonHint} value={values.reason} rows={3} error={err('reason')} />
          <SelectField
            name="ground"
            label={t.groundLabel}
            value={values.ground}
            options={[{ value: '', label: t.groundNone }, ...WOO_GROUNDS.map((g) => ({ value: g.code, label: g.label }))]}
            error={err('ground')}
          />
          <Button variant="secondary">{t.save}</Button>
        </form>
      )}
    </section>
  );
}
