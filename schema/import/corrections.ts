/**
 * The corrections a person makes to a proposed split, as pure functions on the form's values: merge
 * two items, split one at the cursor, move an item's text into the introduction, make an item the
 * heading of the items after it, remove one. The web page posts a button per correction (works
 * without JavaScript); changing an item's kind or its heading is a field of the form itself.
 */

export type EditableItem = { kind: string; section: string; text: string };
export type Editable = { intro: string; items: EditableItem[] };

export type Correction =
  | { op: 'merge'; index: number }
  | { op: 'split'; index: number; cursor: number | null }
  | { op: 'intro'; index: number }
  | { op: 'heading'; index: number }
  | { op: 'remove'; index: number };

export type CorrectionResult = { values: Editable; done: boolean; reason?: 'last' | 'nowhere' | 'unknown' };

/** The correction a form button names ("merge:2", "split:0"), or null. */
export function parseCorrection(action: string, cursor?: string | null): Correction | null {
  const m = /^(merge|split|intro|heading|remove):(\d{1,3})$/.exec(action);
  if (!m) return null;
  const index = Number(m[2]);
  if (m[1] === 'split') {
    const at = cursor !== undefined && cursor !== null && /^\d{1,6}$/.test(cursor) ? Number(cursor) : null;
    return { op: 'split', index, cursor: at };
  }
  return { op: m[1] as 'merge' | 'intro' | 'heading' | 'remove', index };
}

const joinParagraphs = (...parts: string[]) =>
  parts
    .map((p) => p.trim())
    .filter(Boolean)
    .join('\n\n');

/**
 * Where to split a text: at the cursor when it stands inside the text, else at the first blank
 * line (without JavaScript there is no cursor: a person types an empty line where the split goes).
 */
export function splitPoint(text: string, cursor: number | null): number | null {
  if (cursor !== null && cursor > 0 && cursor < text.length && text.slice(0, cursor).trim() && text.slice(cursor).trim()) return cursor;
  const blank = /\n[ \t]*\n/.exec(text);
  return blank ? blank.index : null;
}

export function applyCorrection(values: Editable, c: Correction): CorrectionResult {
  const items = values.items.map((i) => ({ ...i }));
  const item = items[c.index];
  if (!item) return { values, done: false, reason: 'unknown' };
  switch (c.op) {
    case 'merge': {
      const next = items[c.index + 1];
      if (!next) return { values, done: false, reason: 'last' };
      item.text = joinParagraphs(item.text, next.text);
      items.splice(c.index + 1, 1);
      return { values: { ...values, items }, done: true };
    }
    case 'split': {
      const at = splitPoint(item.text, c.cursor);
      if (at === null) return { values, done: false, reason: 'nowhere' };
      const after = { kind: item.kind, section: item.section, text: item.text.slice(at).trim() };
      item.text = item.text.slice(0, at).trim();
      items.splice(c.index + 1, 0, after);
      return { values: { ...values, items }, done: true };
    }
    case 'intro': {
      items.splice(c.index, 1);
      return { values: { intro: joinParagraphs(values.intro, item.text), items }, done: true };
    }
    case 'heading': {
      // The item's text heads the items after it, up to the next item with another heading.
      const heading = item.text.replace(/\s+/g, ' ').trim().replace(/:$/, '').slice(0, 300);
      const old = item.section;
      for (let i = c.index + 1; i < items.length && items[i].section === old; i++) items[i].section = heading;
      items.splice(c.index, 1);
      return { values: { ...values, items }, done: true };
    }
    case 'remove': {
      items.splice(c.index, 1);
      return { values: { ...values, items }, done: true };
    }
  }
}
