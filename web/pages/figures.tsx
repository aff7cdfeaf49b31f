/**
 * /overzicht: how the municipality dealt with its councils' advice in a period, for staff (all
 * councils, or one) and for a council's members (their own). Figures, charts with a table of the
 * same numbers each, the overdue dossiers; a CSV of the figures; printable as one page.
 */
import type { ReactNode } from 'react';
import { nl } from '../../schema/i18n/nl';
import { FIGURE_ITEM_STATUSES, type Figures, type FigureItemStatus, type Period } from '../../schema/figures';
import { ADVICE_RESPONSE_STATUSES } from '../../schema/advice';
import { Layout, PageTitle, type Chrome } from '../components/layout';
import { ErrorSummary, SelectField, TextField, errorFor, type FieldError } from '../components/form';
import { DurationBars, Legend, PairBars, ShareBars, type ShareRow } from '../components/charts';
import { councilRows, durationBuckets, timeRows } from '../components/figures-data';
import { dutchDate, daysUntil } from '../format';

const t = nl.figures;

export type FiguresForm = { van: string; tot: string; raad: string };

export type FiguresPageProps = {
  chrome: Chrome;
  /** The form as it was asked (dates as typed, or the default period's). */
  form: FiguresForm;
  errors: FieldError[];
  /** Staff choose a council from these; a council's members see their own (null here). */
  councilOptions: { id: string; name: string }[] | null;
  /** A council member's or secretary's own council. */
  ownCouncil: string | null;
  /** Null when the form has errors. */
  figures: Figures | null;
  period: Period | null;
  today: string;
  /** The query string of this view (for the CSV link and the year links). */
  csvHref: string;
  /** Where staff find every overdue dossier. */
  inboxOverdueHref: string | null;
};

// Whole class names, so that the CSS build finds them.
const ITEM_CLASS: Record<FigureItemStatus, string> = {
  adopted: 'ww-fill--adopted',
  partly: 'ww-fill--partly',
  declined: 'ww-fill--declined',
  already_done: 'ww-fill--already_done',
  answered: 'ww-fill--answered',
};

const periodText = (p: Period) => t.period(p.from, p.to, dutchDate);

function yearLinks(today: string, raad: string) {
  const year = Number(today.slice(0, 4));
  const suffix = raad ? `&raad=${encodeURIComponent(raad)}` : '';
  return [
    ...Array.from({ length: 5 }, (_, i) => {
      const y = String(year - i);
      return { href: `/overzicht?van=${y}-01-01&tot=${y}-12-31${suffix}`, label: t.year(y, i === 0) };
    }),
    { href: `/overzicht?van=&tot=${suffix}`, label: t.allYears },
  ];
}

function Section({ id, title, children, className }: { id: string; title: string; children: ReactNode; className?: string }) {
  return (
    <section className={`ww-figures__part${className ? ` ${className}` : ''}`} aria-labelledby={id}>
      <h2 className="utrecht-heading-2" id={id}>
        {title}
      </h2>
      {children}
    </section>
  );
}

function Th({ children, numeric }: { children: ReactNode; numeric?: boolean }) {
  return (
    <th className={`utrecht-table__header-cell${numeric ? ' utrecht-table__header-cell--numeric' : ''}`} scope="col">
      {children}
    </th>
  );
}

function Td({ children, numeric }: { children: ReactNode; numeric?: boolean }) {
  return <td className={`utrecht-table__cell${numeric ? ' utrecht-table__cell--numeric' : ''}`}>{children}</td>;
}

function Table({ caption, head, children, className }: { caption: string; head: ReactNode; children: ReactNode; className?: string }) {
  return (
    // Focusable, so that a table wider than the screen can be scrolled with the keyboard.
    <div className={`ww-table-wrap${className ? ` ${className}` : ''}`} role="region" aria-label={caption} tabIndex={0}>
      <table className="utrecht-table utrecht-table--html-table ww-figures__table">
        <caption className="utrecht-table__caption ww-figures__caption">{caption}</caption>
        <thead className="utrecht-table__header">
          <tr className="utrecht-table__row">{head}</tr>
        </thead>
        <tbody className="utrecht-table__body">{children}</tbody>
      </table>
    </div>
  );
}

function Filters(props: FiguresPageProps) {
  const { form, errors } = props;
  return (
    <form method="get" action="/overzicht" className="ww-panel ww-no-print" aria-labelledby="figures-filters" noValidate>
      <h2 className="utrecht-heading-3" id="figures-filters">
        {t.filters}
      </h2>
      <div className="ww-filters">
        <TextField name="van" type="date" label={t.from} hint={t.dateHint} value={form.van} error={errorFor(errors, 'van')} width="md" />
        <TextField name="tot" type="date" label={t.to} value={form.tot} error={errorFor(errors, 'tot')} width="md" />
        {props.councilOptions && (
          <SelectField
            name="raad"
            label={t.council}
            value={form.raad}
            error={errorFor(errors, 'raad')}
            options={[{ value: '', label: t.anyCouncil }, ...props.councilOptions.map((c) => ({ value: c.id, label: c.name }))]}
          />
        )}
        <button type="submit" className="utrecht-button utrecht-button--primary-action">
          {t.show}
        </button>
      </div>
      <nav aria-label={t.quick} className="ww-figures__years">
        <span className="ww-figures__years-label">{t.quick}:</span>
        <ul className="ww-figures__year-list">
          {yearLinks(props.today, props.councilOptions ? form.raad : '').map((l) => (
            <li key={l.label}>
              <a className="utrecht-link utrecht-link--html-a" href={l.href}>
                {l.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
    </form>
  );
}

function KeyFigures({ figures }: { figures: Figures }) {
  const d = figures.stats.dossiers;
  const median = figures.stats.medianDaysToSend;
  const kpi = (label: string, value: string | number, note?: string, alert?: boolean) => (
    <div className={`ww-kpi${alert ? ' ww-kpi--alert' : ''}`}>
      <dt className="ww-kpi__label">{label}</dt>
      <dd className="ww-kpi__value">{value}</dd>
      {note && <dd className="ww-kpi__note">{note}</dd>}
    </div>
  );
  return (
    <Section id="kerncijfers" title={t.keyFigures} className="ww-figures__part--wide">
      <dl className="ww-kpis">
        {kpi(t.received, d.received)}
        {kpi(t.sent, d.sent)}
        {kpi(t.open, d.open)}
        {kpi(t.overdue, d.overdue, t.overdueNote, d.overdue > 0)}
        {kpi(t.sentOnTime, d.sentOnTime, t.share(d.sentOnTime, d.sent))}
        {kpi(t.median, median === null ? '–' : t.days(median), median === null ? t.medianNone : t.medianNote)}
      </dl>
    </Section>
  );
}

function Items({ figures }: { figures: Figures }) {
  const items = figures.stats.items;
  const adviceTotal = ADVICE_RESPONSE_STATUSES.reduce((sum, s) => sum + items[s], 0);
  return (
    <Section id="reacties" title={t.items}>
      <p className="utrecht-paragraph ww-figures__explain">{figures.stats.dossiers.sent === 0 ? t.nothingSent : t.itemsIntro}</p>
      <Table
        caption={t.itemsCaption}
        head={
          <>
            <Th>{t.colReaction}</Th>
            <Th numeric>{t.colCount}</Th>
            <Th numeric>{t.colShare}</Th>
          </>
        }
      >
        {ADVICE_RESPONSE_STATUSES.map((s) => (
          <tr className="utrecht-table__row" key={s}>
            <Td>
              <span className={`ww-legend__swatch ${ITEM_CLASS[s]}`} aria-hidden="true" />
              {nl.responseStatus[s]}
            </Td>
            <Td numeric>{items[s]}</Td>
            <Td numeric>{t.percent(items[s], adviceTotal)}</Td>
          </tr>
        ))}
        <tr className="utrecht-table__row">
          <Td>{t.questionsAnswered}</Td>
          <Td numeric>{items.answered}</Td>
          <Td numeric>{''}</Td>
        </tr>
      </Table>
    </Section>
  );
}

function PerCouncil({ figures, showTotal }: { figures: Figures; showTotal: boolean }) {
  const rows = councilRows(figures);
  const segments = (c: Record<FigureItemStatus, number>) =>
    ADVICE_RESPONSE_STATUSES.map((s) => ({ key: s, label: nl.responseStatus[s], value: c[s], className: ITEM_CLASS[s] }));
  const chartRows: ShareRow[] = [
    ...(showTotal ? [{ name: t.anyCouncil, segments: segments(figures.stats.items), emptyText: t.nothingSent }] : []),
    ...rows.map((c) => ({ name: c.name, segments: segments(c), emptyText: t.nothingSent })),
  ];
  return (
    <Section id="per-adviesraad" title={t.perCouncil} className="ww-figures__part--wide">
      {rows.length === 0 ? (
        <p className="utrecht-paragraph">{t.noCouncils}</p>
      ) : (
        <>
          <figure className="ww-chart">
            <ShareBars label={t.councilChart} rows={chartRows} />
            <figcaption className="ww-chart__caption">
              {t.councilChart}. {t.chartNote}
            </figcaption>
            <Legend items={ADVICE_RESPONSE_STATUSES.map((s) => ({ label: nl.responseStatus[s], className: ITEM_CLASS[s] }))} />
          </figure>
          <Table
            caption={t.councilCaption}
            head={
              <>
                <Th>{t.colCouncil}</Th>
                <Th numeric>{t.colReceived}</Th>
                <Th numeric>{t.colSent}</Th>
                <Th numeric>{t.colOverdue}</Th>
                {FIGURE_ITEM_STATUSES.map((s) => (
                  <Th numeric key={s}>
                    {s === 'answered' ? t.questionsAnswered : nl.responseStatus[s]}
                  </Th>
                ))}
              </>
            }
          >
            {rows.map((c) => (
              <tr className="utrecht-table__row" key={c.id}>
                <Td>{c.name}</Td>
                <Td numeric>{c.received}</Td>
                <Td numeric>{c.sent}</Td>
                <Td numeric>{c.overdue}</Td>
                {FIGURE_ITEM_STATUSES.map((s) => (
                  <Td numeric key={s}>
                    {c[s]}
                  </Td>
                ))}
              </tr>
            ))}
          </Table>
        </>
      )}
    </Section>
  );
}

function PerMonth({ figures, period }: { figures: Figures; period: Period }) {
  const { perYear, rows } = timeRows(period, figures.stats.byMonth);
  const label = perYear ? t.yearChart : t.monthChart;
  const years = new Set(rows.map((r) => r.key.slice(0, 4)));
  return (
    <Section id="per-maand" title={perYear ? t.perYear : t.perMonth}>
      {perYear && <p className="utrecht-paragraph ww-figures__explain">{t.perYearNote}</p>}
      <figure className="ww-chart">
        <PairBars
          id="ch-month"
          label={label}
          classA="ww-fill--received"
          classB="ww-fill--sent"
          rows={rows.map((r, i) => ({
            label: perYear ? r.key : t.shortMonth(r.key),
            // The year under the first month, and under each January when the period spans two.
            sublabel: !perYear && (i === 0 || (years.size > 1 && r.key.endsWith('-01'))) ? r.key.slice(0, 4) : undefined,
            a: r.received,
            b: r.sent,
          }))}
        />
        <figcaption className="ww-chart__caption">
          {label}. {t.chartNote}
        </figcaption>
        <Legend
          items={[
            { label: t.colReceived, className: 'ww-fill--received' },
            { label: t.colSent, className: 'ww-fill--sent', hatched: true },
          ]}
        />
      </figure>
      <Table
        caption={perYear ? t.yearCaption : t.monthCaption}
        className="ww-figures__chart-table"
        head={
          <>
            <Th>{perYear ? t.colYear : t.colMonth}</Th>
            <Th numeric>{t.colReceived}</Th>
            <Th numeric>{t.colSent}</Th>
          </>
        }
      >
        {rows.map((r) => (
          <tr className="utrecht-table__row" key={r.key}>
            <Td>{perYear ? r.key : t.month(r.key)}</Td>
            <Td numeric>{r.received}</Td>
            <Td numeric>{r.sent}</Td>
          </tr>
        ))}
      </Table>
    </Section>
  );
}

function Duration({ figures }: { figures: Figures }) {
  const term = figures.responseDays ?? 42;
  const { buckets, termAt } = durationBuckets(figures.days, term);
  return (
    <Section id="doorlooptijd" title={t.duration}>
      <p className="utrecht-paragraph ww-figures__explain">{t.durationIntro(term)}</p>
      <figure className="ww-chart">
        <DurationBars
          id="ch-days"
          label={t.durationChart(term)}
          buckets={buckets.map((b) => ({ label: String(b.lo), onTime: b.onTime, late: b.late }))}
          termAt={termAt}
          termLabel={t.term(term)}
          axisLabel={t.axisDays}
          classOnTime="ww-fill--on-time"
          classLate="ww-fill--late"
        />
        <figcaption className="ww-chart__caption">
          {t.durationChart(term)}. {t.chartNote}
        </figcaption>
        <Legend
          items={[
            { label: t.colOnTime, className: 'ww-fill--on-time' },
            { label: t.colLate, className: 'ww-fill--late', hatched: true },
          ]}
        />
      </figure>
      <Table
        caption={t.durationCaption}
        className="ww-figures__chart-table"
        head={
          <>
            <Th>{t.colDays}</Th>
            <Th numeric>{t.colOnTime}</Th>
            <Th numeric>{t.colLate}</Th>
            <Th numeric>{t.colTotal}</Th>
          </>
        }
      >
        {buckets.map((b) => (
          <tr className="utrecht-table__row" key={b.lo}>
            <Td>{t.bucket(b.lo, b.hi)}</Td>
            <Td numeric>{b.onTime}</Td>
            <Td numeric>{b.late}</Td>
            <Td numeric>{b.onTime + b.late}</Td>
          </tr>
        ))}
      </Table>
    </Section>
  );
}

function Overdue({ figures, today, inboxHref }: { figures: Figures; today: string; inboxHref: string | null }) {
  const overdue = figures.overdue ?? { listed: [], more: false };
  const names = new Map(figures.councils.map((c) => [c.id, c.name]));
  return (
    <Section id="termijn-verstreken" title={t.overdueList}>
      {overdue.listed.length === 0 ? (
        <p className="utrecht-paragraph">{t.overdueNone}</p>
      ) : (
        <>
          <p className="utrecht-paragraph ww-figures__explain">{t.overdueListIntro}</p>
          <Table
            caption={t.overdueCaption}
            head={
              <>
                <Th>{t.colDue}</Th>
                <Th>{t.colTitle}</Th>
                <Th>{t.colCouncil}</Th>
              </>
            }
          >
            {overdue.listed.map((d) => (
              <tr className="utrecht-table__row" key={d.id}>
                <Td>
                  <span className="ww-due ww-due--overdue">
                    {dutchDate(d.dueOn)}
                    <span className="ww-due__note">{t.daysLate(-daysUntil(d.dueOn, today))}</span>
                  </span>
                </Td>
                <Td>
                  <a className="utrecht-link utrecht-link--html-a" href={`/adviezen/${d.id}`}>
                    {d.title}
                  </a>
                  {d.reference && <span className="ww-due__note">{d.reference}</span>}
                </Td>
                <Td>{names.get(d.councilId) ?? ''}</Td>
              </tr>
            ))}
          </Table>
          {overdue.more && (
            <p className="utrecht-paragraph">
              {t.overdueMore(overdue.listed.length)}{' '}
              {inboxHref && (
                <a className="utrecht-link utrecht-link--html-a" href={inboxHref}>
                  {t.overdueAll}
                </a>
              )}
            </p>
          )}
        </>
      )}
    </Section>
  );
}

export function FiguresPage(props: FiguresPageProps) {
  const { figures, period } = props;
  const chosen = props.councilOptions?.find((c) => c.id === props.form.raad)?.name;
  const scope = props.ownCouncil ?? chosen ?? t.anyCouncil;
  return (
    <Layout chrome={props.chrome} title={t.title} current="figures" hasErrors={props.errors.length > 0}>
      <PageTitle>{t.heading}</PageTitle>
      <p className="ww-lead">{props.ownCouncil ? t.introCouncil(props.ownCouncil) : t.intro}</p>
      <ErrorSummary errors={props.errors} />
      <Filters {...props} />
      {figures && period && (
        <div className="ww-figures">
          <div className="ww-figures__head ww-figures__part--wide">
            <p className="ww-figures__period">
              <strong>{periodText(period)}</strong> · {scope}
            </p>
            <p className="utrecht-paragraph ww-figures__counted">{t.countedBy}</p>
            <p className="utrecht-paragraph ww-no-print">
              <a className="utrecht-link utrecht-link--html-a" href={props.csvHref} download>
                {t.download}
              </a>
            </p>
          </div>
          <KeyFigures figures={figures} />
          <Items figures={figures} />
          <Duration figures={figures} />
          <PerCouncil figures={figures} showTotal={!props.ownCouncil && !chosen && figures.councils.length > 1} />
          <PerMonth figures={figures} period={period} />
          <Overdue figures={figures} today={props.today} inboxHref={props.inboxOverdueHref} />
        </div>
      )}
    </Layout>
  );
}
