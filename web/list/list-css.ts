import type { ListModel } from '../../schema/list-model';
import { cssString } from '../letter/letter-css';

/**
 * Only a concept carries these rules: a signed list's HTML has no trace of "concept". The watermark
 * is decoration (the concept notice says it in words), drawn as the letter's is: generated content
 * with an empty alternative in an aria-hidden box that never widens the page.
 */
const conceptCss = (label: string) => `
.concept-notice { color: #b00020; font-weight: 600; font-size: .9em; border: 1px solid #b00020; padding: .4em .6em; }
.watermark { position: fixed; inset: 0; overflow: hidden; display: flex; align-items: center; justify-content: center; pointer-events: none; z-index: 1; }
.watermark::before { content: ${cssString(label)} / ""; font-weight: 700; font-size: min(22vw, 160px); color: #b00020; opacity: .08; transform: rotate(-30deg); }
@media print { .watermark::before { font-size: 140pt; } }
`;

/**
 * Print: landscape A4, every page with the title, the date and "Pagina n/N" in its bottom margin
 * (CSS paged media), each table's header repeated on every page it spans. Screen: a wide sheet; on
 * a phone each row becomes a block with its column names as labels.
 */
export function listCss(model: ListModel): string {
  const accent = /^#[0-9a-fA-F]{6}$/.test(model.accent) ? model.accent : '#1f4e79';
  const r = model.running;
  const running = `${cssString(`${r.title} · ${r.date.label} ${r.date.value} · ${r.pageLabel} `)} counter(page) "/" counter(pages)`;
  return `
:root { --accent: ${accent}; --ink: #1a1a1a; --muted: #595959; --rule: #c8c8c8; color-scheme: light; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: #e9ebee; color: var(--ink); font: 0.9375rem/1.45 Roboto, "Helvetica Neue", Arial, "Liberation Sans", sans-serif; }
.list { background: #fff; max-width: 297mm; margin: 24px auto; padding: 14mm 16mm 18mm; box-shadow: 0 1px 4px rgba(0,0,0,.15); position: relative; }
p { margin: 0 0 .5em; white-space: pre-line; overflow-wrap: anywhere; }
/* Long Dutch compounds, addresses and titles: hyphenated where the browser can (lang="nl"), else broken, never wider than a phone. */
h1, h2, dt, dd, address, th, td { overflow-wrap: anywhere; }
h1, h2, dd { hyphens: auto; }
address { font-style: normal; }
address span { display: block; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
${model.concept ? conceptCss(model.conceptLabel) : ''}.letterhead { display: flex; justify-content: space-between; gap: 16px; border-bottom: 2px solid var(--accent); padding-bottom: 8px; margin-bottom: 18px; }
.org-name { font-size: 1.5em; font-weight: 600; color: var(--accent); margin: 0; }
.letterhead address { font-size: .8em; color: var(--muted); min-width: 14em; }
.kind { color: var(--muted); font-weight: 600; margin: 0; }
h1 { font-size: 1.5em; margin: 0 0 .4em; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; font-size: .9em; margin: 0 0 .8em; }
.facts div { display: contents; }
.facts dt { color: var(--muted); }
.facts dd { margin: 0; }
h2 { color: var(--accent); font-size: 1.15em; font-weight: 600; margin: 1.4em 0 .3em; break-after: avoid; }
table { width: 100%; border-collapse: collapse; font-size: .95em; }
thead th { text-align: left; color: var(--muted); font-weight: 600; border-bottom: 1.5px solid var(--ink); padding: .3em .5em; }
td { vertical-align: top; border-bottom: 1px solid var(--rule); padding: .35em .5em; }
th:first-child, td:first-child { padding-left: 0; }
col.remark { width: 39%; } col.response { width: 48%; } col.processing { width: 13%; }
.number { font-weight: 600; margin-right: .5em; }
.section { font-style: italic; color: var(--muted); }
.reference { font-style: italic; }
.pending { font-style: italic; color: var(--muted); }
.no-remarks { font-style: italic; color: var(--muted); }
.legend p { margin: 0 0 .25em; }
.adoption { margin-top: 1.6em; break-inside: avoid; }
.signatories { display: flex; flex-wrap: wrap; gap: 8px 60px; }
.signatory span { display: block; }
.verify-note { font-size: .75em; color: var(--muted); margin-top: 2em; }
@media (max-width: 720px) {
  body { background: #fff; }
  .list { margin: 0; padding: 16px; box-shadow: none; max-width: none; }
  .letterhead { flex-direction: column; }
  table, tbody, tr, td { display: block; width: 100%; }
  thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  tr { border-bottom: 1px solid var(--rule); padding: .4em 0; }
  td { border: 0; padding: .2em 0; }
  td::before { content: attr(data-label); display: block; font-size: .8em; color: var(--muted); font-weight: 600; }
}
@page { size: A4 landscape; margin: 16mm 16mm 18mm; @bottom-left { content: ${running}; font: 8pt Roboto, Arial, sans-serif; color: #595959; }${
    model.concept ? ` @bottom-right { content: ${cssString(model.conceptLabel)}; font: bold 8pt Roboto, Arial, sans-serif; color: #b00020; }` : ''
  } }
@media print {
  body { background: #fff; font-size: 9.5pt; }
  .list { margin: 0; padding: 0; max-width: none; box-shadow: none; }
  thead { display: table-header-group; }
  tr { break-inside: auto; }
}
`;
}
