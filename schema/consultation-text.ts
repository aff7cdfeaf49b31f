/**
 * Pure rules for text pasted into consultation forms: a numbered list that becomes the legend, and
 * a block of remarks that is split into remarks. Both are proposals that a person checks before
 * saving. No I/O.
 */
import type { LegendEntry } from './consultations';

/** A numbered line: "1) …", "1. …", "1 - …", "1: …" (the number is the code). */
const NUMBERED = /^\s*(\d{1,3})\s*[).:\-–]\s*(\S.*)$/;
/** A named code: "Algemeen: …", "2025-2027: …" (up to 40 characters before the colon, no sentence). */
const NAMED = /^\s*([^:\s][^:]{0,39}?)\s*:\s+(\S.*)$/;
/** A bullet that only marks an item. */
const BULLET = /^\s*[-•*·]\s+/;

/**
 * The legend from a pasted list: one entry per numbered or named line, a line without a code
 * continuing the label above it. Entries separated by " · " on one line (as in a printed list)
 * count as lines of their own.
 */
export function parseLegend(text: string): LegendEntry[] {
  const entries: LegendEntry[] = [];
  const lines = text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .flatMap((line) => line.split(/\s+·\s+/))
    .map((line) => line.replace(BULLET, '').replace(/^\s*legenda\s*:?\s*/i, '').trim())
    .filter(Boolean);
  for (const line of lines) {
    const numbered = NUMBERED.exec(line);
    const named = numbered ? null : NAMED.exec(line);
    const match = numbered ?? named;
    if (match && !(named && /\s\S+\s\S+\s/.test(match[1]))) entries.push({ code: match[1].trim(), label: match[2].trim() });
    else if (entries.length) entries[entries.length - 1].label += `\n${line}`;
    else entries.push({ code: '', label: line });
  }
  return entries;
}

/** A remark's own number or bullet at the start of a line: "1.", "2)", "3 -", "•". */
const REMARK_LABEL = /^\s*(?:(?:opmerking|zienswijze|punt)\s+)?(?:\d{1,3}\s*[).:\-–]|[-•*·])\s+/i;

/**
 * Remarks from a pasted block: when lines start with a number or bullet, each such line starts a
 * remark (lines after it belong to it); otherwise each paragraph (separated by a blank line) is a
 * remark. Labels are stripped; a single line break inside a remark stays.
 */
export function splitRemarks(text: string): string[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const numbered = lines.filter((l) => REMARK_LABEL.test(l)).length;
  if (numbered >= 1 && numbered >= lines.filter((l) => l.trim()).length / 4) {
    const remarks: string[][] = [];
    for (const line of lines) {
      if (REMARK_LABEL.test(line)) remarks.push([line.replace(REMARK_LABEL, '')]);
      else if (remarks.length) remarks[remarks.length - 1].push(line);
      else if (line.trim()) remarks.push([line]);
    }
    return remarks.map((r) => tidy(r.join('\n'))).filter(Boolean);
  }
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t\u00a0]*\n/)
    .map(tidy)
    .filter(Boolean);
}

/** Trailing spaces off every line, blank lines at the ends gone, at most one blank line inside. */
function tidy(text: string): string {
  return text
    .split('\n')
    .map((l) => l.replace(/\s+$/, ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
