import { z } from '@hono/zod-openapi';
import { nl } from './i18n/nl';

/** What a value is, in the words of the wrong-type message ("Verwacht een tekst, niet een lijst."). */
const KINDS: Record<string, string> = { string: 'een tekst', number: 'een getal', int: 'een geheel getal', boolean: 'true of false', array: 'een lijst', object: 'een object' };
const kindOf = (input: unknown) => (input === null ? 'null' : Array.isArray(input) ? KINDS.array : (KINDS[typeof input] ?? 'iets anders'));

// Dutch messages for every zod shape; the few common cases get our own wording.
z.config(z.locales.nl());
z.config({
  customError: (issue) => {
    if (issue.code === 'invalid_type' && issue.input === undefined) return nl.fields.required;
    if (issue.code === 'invalid_type' && issue.expected in KINDS) return nl.fields.wrongKind(KINDS[issue.expected], kindOf(issue.input));
    if (issue.code === 'unrecognized_keys') return nl.fields.unknownField;
    return undefined;
  },
});

export { z };

/** One error of one input field; `path` like `items.2.text` (API problem entries and form errors alike). */
export type FieldError = { path: string; message: string };

/**
 * Zod issues as one problem entry per offending field. A field that fails two checks (a date that
 * is neither the right form nor a real day) keeps the first.
 */
export function fieldErrors(error: z.ZodError): FieldError[] {
  const errors = error.issues.flatMap((issue) => {
    const base = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') return issue.keys.map((k) => ({ path: [...base, k].join('.'), message: nl.fields.unknownField }));
    return [{ path: base.join('.'), message: issue.message }];
  });
  const seen = new Set<string>();
  return errors.filter((e) => !seen.has(e.path) && seen.add(e.path));
}

export const isoDate = () =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, nl.fields.date)
    .refine((s) => {
      const d = new Date(`${s}T00:00:00Z`);
      return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
    }, nl.fields.date)
    .openapi({ format: 'date', example: '2026-10-01' });

/** A required, trimmed, non-empty text of at most `max` characters. */
export const requiredText = (max: number, emptyMessage: string = nl.fields.required) =>
  z.string().trim().min(1, emptyMessage).max(max, nl.fields.tooLong(max));

export const optionalText = (max: number) => z.string().trim().max(max, nl.fields.tooLong(max)).optional();

/**
 * Control characters (C0, DEL, C1) and the Unicode line and paragraph separators: what may break a
 * line, a mail header or a PDF line where one line is meant.
 */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/**
 * A single-line text (a title, a reference, a name, a heading, an address line, a salutation):
 * required, trimmed, at most `max` characters, and without line breaks, tabs or other control
 * characters (Dutch 422). Mail subjects and headers are built from such fields.
 */
export const singleLine = (max: number, emptyMessage: string = nl.fields.required) =>
  requiredText(max, emptyMessage).refine((s) => !CONTROL.test(s), nl.security.singleLine);

/** An optional single-line text (see singleLine). */
export const optionalSingleLine = (max: number) =>
  z
    .string()
    .trim()
    .max(max, nl.fields.tooLong(max))
    .refine((s) => !CONTROL.test(s), nl.security.singleLine)
    .optional();

/** One line, whatever a text holds: every run of whitespace and control characters becomes one space (mail subjects, headers). */
export const oneLine = (text: string) => text.replace(/[\s\u0000-\u001f\u007f-\u009f]+/g, ' ').trim();

export const email = () => z.string().trim().toLowerCase().pipe(z.email(nl.fields.email)).openapi({ format: 'email' });

export const problemShape = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number(),
    detail: z.string(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .openapi('Problem');
