/** Reading HTML form posts into the shapes the API validates (one validation for both). */
import type { AppError, FieldError } from '../../errors';

export type FormBody = Record<string, string | File | (string | File)[]>;

/** A text value of a form (the last one if repeated); files and missing fields are ''. */
export function formText(body: FormBody, key: string): string {
  const v = body[key];
  const last = Array.isArray(v) ? v[v.length - 1] : v;
  return typeof last === 'string' ? last : '';
}

/** Lines of a textarea, trimmed, without empty ones. */
export const formLines = (body: FormBody, key: string) =>
  formText(body, key)
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

/** Optional text: '' means absent. */
export const optional = (s: string) => (s.trim() === '' ? undefined : s);

/** The field errors of a 422 from a service, or null for any other error. */
export function serviceFieldErrors(err: unknown): FieldError[] | null {
  const e = err as AppError;
  if (e && typeof e === 'object' && 'status' in e && (e.status === 422 || e.status === 409) && Array.isArray(e.extra?.errors)) {
    return e.extra.errors as FieldError[];
  }
  return null;
}
