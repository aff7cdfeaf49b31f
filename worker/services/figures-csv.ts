/**
 * The figures as CSV the way a Dutch spreadsheet opens it by a double click: UTF-8 with a byte order
 * mark (else Excel reads it as Windows-1252), `;` between fields, a decimal comma, CRLF line ends,
 * one header row. One row for the totals, one per council, one per month; a cell that does not
 * apply to its row is empty.
 */
import type { Stats } from '../../schema/figures';
import { nl } from '../../schema/i18n/nl';

const t = nl.figures.csv;

/**
 * One field. Text that a spreadsheet would run as a formula (=, +, -, @, tab, CR at the start: a
 * council's name is typed by people) gets a leading apostrophe; a field with `;`, a quote or a line
 * break is quoted.
 */
function field(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(value).replace('.', ',');
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function figuresCsv(stats: Stats): string {
  const { dossiers: d, items: i } = stats;
  const rows: (string | number | null)[][] = [
    [...t.header],
    [t.total, null, null, d.received, d.sent, d.open, d.overdue, d.sentOnTime, i.adopted, i.partly, i.declined, i.already_done, i.answered, stats.medianDaysToSend],
    ...stats.byCouncil.map((c) => [t.council, c.council.name, null, c.received, c.sent, null, c.overdue, null, c.adopted, c.partly, c.declined, c.already_done, c.answered, null]),
    ...stats.byMonth.map((m) => [t.month, null, m.month, m.received, m.sent, null, null, null, null, null, null, null, null, null]),
  ];
  return `\uFEFF${rows.map((row) => row.map(field).join(';')).join('\r\n')}\r\n`;
}

export const CSV_TYPE = 'text/csv; charset=utf-8; header=present';

/** Whether the request asks for CSV rather than JSON (`Accept: text/csv`, preferred over JSON if both are named). */
export function wantsCsv(accept: string | undefined): boolean {
  if (!accept) return false;
  const types = accept
    .split(',')
    .map((part) => {
      const [type, ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { type: type.trim(), q: q ? Number(q.slice(2)) : 1 };
    })
    .filter((x) => x.q > 0);
  const csv = types.find((x) => x.type === 'text/csv');
  if (!csv) return false;
  const json = types.find((x) => x.type === 'application/json' || x.type === '*/*' || x.type === 'application/*');
  return !json || csv.q >= json.q;
}
