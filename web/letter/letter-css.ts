import type { LetterModel } from '../../schema/letter-model';

/** A CSS string literal: anything beyond plain characters is escaped, so no value can end the rule or the style element. */
export function cssString(value: string): string {
  return `"${value.replace(/[^A-Za-z0-9 ,.:/()–·-]/g, (c) => `\\${c.codePointAt(0)!.toString(16)} `)}"`;
}

/**
 * Only a concept carries these rules: a signed letter's HTML has no trace of "concept". The
 * watermark is decoration (the concept notice says it in words): drawn as generated content with
 * an empty alternative (`/ ""`) in an aria-hidden box, it is no text to assistive technology nor
 * to a contrast check, and it never widens the page.
 */
const conceptCss = (label: string) => `
.concept-notice { color: #b00020; font-weight: 600; font-size: .9em; border: 1px solid #b00020; padding: .4em .6em; }
.watermark { position: fixed; inset: 0; overflow: hidden; display: flex; align-items: center; justify-content: center; pointer-events: none; z-index: 1; }
.watermark::before { content: ${cssString(label)} / ""; font-weight: 700; font-size: min(22vw, 160px); color: #b00020; opacity: .08; transform: rotate(-40deg); }
@media print { .watermark::before { font-size: 120pt; } }
`;

/**
 * Print: A4 with the margins of a letter; every page after the first repeats Datum and Ons
 * kenmerk with "Pagina n/N" in its top margin (CSS paged media, as in Chromium's print). Screen:
 * a sheet on wide screens, plain flowing text on a phone.
 */
export function letterCss(model: LetterModel): string {
  const accent = /^#[0-9a-fA-F]{6}$/.test(model.accent) ? model.accent : '#1f4e79';
  const r = model.running;
  const running = `${cssString(`${r.date.label} ${r.date.value} · ${r.reference.label} ${r.reference.value} · ${r.pageLabel} `)} counter(page) "/" counter(pages)`;
  return `
:root { --accent: ${accent}; --ink: #1a1a1a; --muted: #595959; color-scheme: light; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: #e9ebee; color: var(--ink); font: 1rem/1.5 Roboto, "Helvetica Neue", Arial, "Liberation Sans", sans-serif; }
.letter { background: #fff; max-width: 210mm; margin: 24px auto; padding: 20mm 20mm 24mm 25mm; box-shadow: 0 1px 4px rgba(0,0,0,.15); position: relative; }
p { margin: 0 0 .6em; white-space: pre-line; overflow-wrap: anywhere; }
/* Long Dutch compounds and references: hyphenated where the browser can (lang="nl"), else broken, never wider than a phone. */
h1, h2, h3, h4, dt, dd, address, th, td { overflow-wrap: anywhere; }
h1, h2, h3, h4, dd { hyphens: auto; }
address { font-style: normal; }
address span { display: block; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
${model.concept ? conceptCss(model.conceptLabel) : ''}.letterhead { display: flex; justify-content: space-between; gap: 16px; border-bottom: 2px solid var(--accent); padding-bottom: 10px; margin-bottom: 36px; }
.org-name { font-size: 1.6em; font-weight: 600; color: var(--accent); margin: 0; }
.letterhead address { font-size: .8em; color: var(--muted); min-width: 14em; }
.addressee { margin-bottom: 28px; }
.references { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; font-size: .85em; margin: 0 0 6px; }
.references div { display: contents; }
.references dt { color: var(--muted); }
.references dd { margin: 0; }
.reference-note { font-size: .8em; font-style: italic; color: var(--muted); margin-bottom: 26px; }
.salutation { margin-bottom: 1em; }
h2 { color: var(--accent); font-size: 1.2em; font-weight: 600; margin: 1.4em 0 .4em; break-after: avoid; }
h3 { font-size: 1.05em; font-weight: 600; margin: 0; }
h4 { font-size: 1em; font-weight: 600; margin: .5em 0 .2em; break-after: avoid; }
.overview table { border-collapse: collapse; min-width: 16em; margin-bottom: .6em; }
.overview th { text-align: left; font-weight: 400; padding: .2em 2em .2em 0; border-bottom: 1px solid #ccc; }
.overview td { text-align: right; font-weight: 600; padding: .2em 0; border-bottom: 1px solid #ccc; }
.item { margin-top: 1em; }
.item-head { display: flex; justify-content: space-between; align-items: baseline; gap: 1em; margin-bottom: .3em; break-after: avoid; }
.status { margin: 0; font-size: .9em; font-weight: 600; white-space: nowrap; }
.status-adopted { color: #1b6e3a; } .status-partly { color: #8a5300; } .status-declined { color: #a4262c; }
.status-already_done { color: #1f4e79; } .status-pending { color: var(--muted); }
.council-text { margin: 0 0 .4em 14px; color: #333; }
blockquote.council-text { font-style: italic; }
.pending { font-style: italic; color: var(--muted); }
.closing { margin-top: 1.4em; break-inside: avoid; }
.greeting { margin-top: 1em; }
.signatories { display: flex; flex-wrap: wrap; gap: 8px 60px; margin-top: .4em; }
.signatory span { display: block; }
.signatory-name { margin-top: 2.6em; }
.verify-note { font-size: .75em; color: var(--muted); margin-top: 2.4em; }
@media (max-width: 640px) {
  body { background: #fff; }
  .letter { margin: 0; padding: 16px; box-shadow: none; max-width: none; }
  .letterhead { flex-direction: column; }
  .references { grid-template-columns: 1fr; gap: 0; }
  .references dd { margin-bottom: .4em; }
}
@page { size: A4; margin: 22mm 20mm 18mm 25mm; @top-left { content: ${running}; font: 8.5pt Roboto, Arial, sans-serif; color: #595959; }${
    model.concept ? ` @top-right { content: ${cssString(model.conceptLabel)}; font: bold 8.5pt Roboto, Arial, sans-serif; color: #b00020; }` : ''
  } }
@page :first { margin-top: 16mm; @top-left { content: none; } }
@media print {
  body { background: #fff; font-size: 10pt; }
  .letter { margin: 0; padding: 0; max-width: none; box-shadow: none; }
  .item-head, h2, h4 { break-after: avoid; page-break-after: avoid; }
}
`;
}
