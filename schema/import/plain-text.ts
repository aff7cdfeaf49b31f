/**
 * Pasted text (an e-mail, a letter copied out of a PDF) as paragraphs. Blank lines separate
 * paragraphs, however many; lines that merely wrap are joined. A line that starts something new
 * starts a paragraph of its own even without a blank line before it: an item's label ("Vraag 2",
 * "ADVIES 3 -"), a typed number ("4."), a bullet, a heading in capitals, a metadata line
 * ("Datum: …"), the greeting and the closing.
 */
import type { SourceBlock, SourceDocument } from './source';
import { BULLET, CLOSING, SALUTATION, headingShaped, inCapitals, kindHeading, matchLabel, matchMeta, matchTypedNumber, squash } from './rules';

/** Whether this line begins a new paragraph by itself. */
function startsAnew(line: string): boolean {
  const t = squash(line.replace(/\*\*|__/g, ''));
  return (
    matchLabel(t) !== null ||
    matchTypedNumber(t) !== null ||
    BULLET.test(t) ||
    kindHeading(t) !== null ||
    t.startsWith('#') ||
    matchMeta(t) !== null ||
    SALUTATION.test(t) ||
    CLOSING.test(t) ||
    (inCapitals(t) && headingShaped(t.replace(/:$/, '')))
  );
}

/** Whether the paragraph must end after this line (a heading or metadata line stands alone). */
function standsAlone(line: string): boolean {
  const t = squash(line.replace(/\*\*|__/g, ''));
  return (
    t.startsWith('#') ||
    matchMeta(t) !== null ||
    SALUTATION.test(t) ||
    CLOSING.test(t) ||
    kindHeading(t) !== null ||
    (inCapitals(t) && headingShaped(t.replace(/:$/, ''))) ||
    // A short line ending in a colon ("Adviezen:", "Wonen:") introduces what follows.
    (t.endsWith(':') && headingShaped(t) && t.split(' ').length <= 6)
  );
}

function block(lines: string[]): SourceBlock {
  let boldPrefix: string | undefined;
  // Markdown-ish bold at the start ("**Advies 3** …") counts as a bold label.
  const bold = /^\s*(?:\*\*|__)(.+?)(?:\*\*|__)/.exec(lines[0]);
  if (bold) boldPrefix = bold[1];
  const clean = lines.map((l) => l.replace(/\*\*|__/g, ''));
  const bullet = BULLET.exec(squash(clean[0]));
  const text = clean.map(squash).filter(Boolean).join(' ');
  const out: SourceBlock = { text: bullet ? text.slice(bullet[0].length) : text, lines: clean.map(squash) };
  if (bullet) out.list = { ordered: false, level: 0, label: '-', number: null };
  if (boldPrefix) {
    out.boldPrefix = boldPrefix;
    if (squash(boldPrefix) === text) out.bold = true;
  }
  return out;
}

export function readPlainText(input: string): SourceDocument {
  const lines = input
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .split('\n')
    // Quoted e-mail text ("> ") reads as the text itself.
    .map((l) => l.replace(/^(?:>\s?)+/, '').replace(/\t/g, ' ').trimEnd());
  const blocks: SourceBlock[] = [];
  let current: string[] = [];
  let signature = false;
  const flush = () => {
    if (current.length) blocks.push({ ...block(current), ...(signature ? { region: 'footer' as const } : {}) });
    current = [];
  };
  for (const line of lines) {
    if (line.trim() === '') {
      flush();
      continue;
    }
    // An e-mail signature ("-- ") closes the message: what follows is no letter text.
    if (line === '-- ' || line === '--') {
      flush();
      signature = true;
      continue;
    }
    if (current.length && startsAnew(line)) flush();
    current.push(line);
    if (standsAlone(line)) flush();
  }
  flush();
  return { format: 'text', blocks, warnings: [] };
}
