/**
 * One entry for every format: the file's bytes and media type in, the paragraphs as read and the
 * proposed split out. The readers are pure (no I/O); the PDF reader loads pdf.js on first use.
 */
import { displayText, type SourceDocument } from '../../../schema/import/source';
import { readPlainText } from '../../../schema/import/plain-text';
import { splitLetter, type SplitResult } from '../../../schema/import/split';
import { importTexts } from '../../../schema/i18n/nl-import';
import { readDocx } from './docx';
import { UnreadableFile } from './errors';

export const IMPORT_TYPES = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  text: 'text/plain',
} as const;
export type ImportType = (typeof IMPORT_TYPES)[keyof typeof IMPORT_TYPES];
export const isImportType = (t: string): t is ImportType => (Object.values(IMPORT_TYPES) as string[]).includes(t);

/** A paragraph as the page beside the proposal shows it: what the reader found, and where. */
export type OriginalParagraph = { text: string; heading?: boolean; aside?: 'header' | 'footer' | 'textbox'; page?: number };
export type Reading = SplitResult & { format: SourceDocument['format']; pages: number | null; original: OriginalParagraph[] };

const readPdf: typeof import('./pdf').readPdf = async (bytes) => (await import('./pdf')).readPdf(bytes);

/** UTF-8 text, strictly: anything else cannot be read as what it claims. */
export function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new UnreadableFile('broken', importTexts.problems.badText);
  }
}

export async function readSource(bytes: Uint8Array, type: ImportType): Promise<SourceDocument> {
  switch (type) {
    case IMPORT_TYPES.docx:
      return readDocx(bytes);
    case IMPORT_TYPES.pdf:
      return readPdf(bytes);
    case IMPORT_TYPES.text:
      return readPlainText(decodeText(bytes));
  }
}

export function originalOf(doc: SourceDocument): OriginalParagraph[] {
  return doc.blocks
    .map((b) => {
      const base = b.cells ? b.cells.join(' | ') : (b.lines ?? [b.text]).join('\n');
      // The list's label (Word numbering) where the text does not carry it already.
      const p: OriginalParagraph = { text: b.list?.label && !b.cells && !base.trimStart().startsWith(b.list.label) ? displayText({ ...b, text: base }) : base };
      if (b.heading || b.title) p.heading = true;
      if (b.region && b.region !== 'body') p.aside = b.region;
      if (b.page) p.page = b.page;
      return p;
    })
    .filter((p) => p.text.trim());
}

/** Reads a letter and proposes its split. Throws UnreadableFile for a broken or encrypted file. */
export async function readLetter(bytes: Uint8Array, type: ImportType): Promise<Reading> {
  const doc = await readSource(bytes, type);
  return { ...splitLetter(doc), format: doc.format, pages: doc.pages ?? null, original: originalOf(doc) };
}
