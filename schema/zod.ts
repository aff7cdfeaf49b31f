import { z } from '@hono/zod-openapi';
import { nl } from './i18n/nl';

// Dutch messages for every zod shape; the few common cases get our own wording.
z.config(z.locales.nl());
z.config({
  customError: (issue) => {
    if (issue.code === 'invalid_type' && issue.input === undefined) return nl.fields.required;
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
