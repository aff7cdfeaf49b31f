/**
 * What every reader (Word, PDF, pasted text) makes of a letter: its paragraphs in reading order,
 * with the few facts of layout that say where an item starts. The splitter (split.ts) works on this
 * and nothing else, so that one set of rules serves every format.
 */

/** Where a paragraph sits. Only `body` text can become part of an item. */
export type BlockRegion = 'body' | 'header' | 'footer' | 'textbox';

export type SourceList = {
  /** A numbered list (decimal, letters, roman) rather than bullets. */
  ordered: boolean;
  /** 0 for the outer list, 1 for a list inside it, … */
  level: number;
  /** The label as the reader shows it, not part of `text`: "3.", "b)", "Advies 2:", "•". */
  label: string;
  /** The counter's value for an ordered list, when the reader knows it. */
  number: number | null;
};

export type SourceBlock = {
  /**
   * The paragraph's text without its list label. Lines that merely wrap are joined with a space;
   * a deliberate line break inside the paragraph (Word's Shift+Enter) is '\n'.
   */
  text: string;
  /**
   * The lines as laid out (PDF, pasted text), before they were joined: a letterhead's reference
   * block ("Datum: …", "Ons kenmerk: …") is read line by line.
   */
  lines?: string[];
  /** 1–6: a heading (a heading style or outline level, or a larger font); absent: body text. */
  heading?: number;
  /** A title style (Word's "Title"): a candidate for the subject. */
  title?: boolean;
  /** Every visible character of the paragraph is bold. */
  bold?: boolean;
  /** The bold text the paragraph starts with, when it goes on in a lighter weight ("Advies 3" + text). */
  boldPrefix?: string;
  /** A paragraph of a list whose label is not part of `text` (Word numbering, bullets). */
  list?: SourceList;
  /** A table row: its cells' texts (each cell's paragraphs joined with a blank line); `text` joins them with " | ". */
  cells?: string[];
  /** The table a row belongs to (rows of one table share it) and the row's index in it. */
  table?: number;
  row?: number;
  region?: BlockRegion;
  /** Left indentation in points, where the reader knows it (continuation paragraphs of a list item). */
  indent?: number;
  /** The page the paragraph starts on (PDF). */
  page?: number;
};

export type SourceFormat = 'docx' | 'pdf' | 'text';

/** A reader's result: the paragraphs, and what the reader itself wants the person to check. */
export type SourceDocument = {
  format: SourceFormat;
  blocks: SourceBlock[];
  warnings: string[];
  /** Pages of a PDF; absent for other formats. */
  pages?: number;
};

/** The text of a block as a reader would see it on the page: list label and text. */
export const displayText = (b: SourceBlock) => (b.list && b.list.label ? `${b.list.label} ${b.text}` : b.text);
