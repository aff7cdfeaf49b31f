/**
 * Roboto 3.014 (SIL Open Font License 1.1, embedding allowed), taken from pdfmake's own virtual
 * file system so that no font file lives in this repository. Full Latin coverage: ë ï é ü € “ ” ‘ ’ – ….
 * Decoded here, at module scope: once per isolate, never per request.
 */
import { Buffer } from 'node:buffer';
// @ts-expect-error pdfmake ships no types for its font bundle (a CommonJS map of name → base64).
import vfs from 'pdfmake/build/vfs_fonts.js';

export const FONT_FAMILY = 'Roboto';

/** The styles a letter uses; bold is Roboto Medium, which reads better than Bold at letter sizes. */
export const FONT_FILES = {
  normal: 'Roboto-Regular.ttf',
  bold: 'Roboto-Medium.ttf',
  italics: 'Roboto-Italic.ttf',
} as const;

const base64 = vfs as Record<string, string>;

export const fontBytes: ReadonlyMap<string, Buffer> = new Map(
  Object.values(FONT_FILES).map((file) => {
    const encoded = base64[file];
    if (!encoded) throw new Error(`font ${file} missing from pdfmake's vfs_fonts`);
    return [file, Buffer.from(encoded, 'base64')];
  }),
);
