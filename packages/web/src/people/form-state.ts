import type { Registration } from '@passage/core';
import { fieldId, type FieldErrors } from './form-issues';

export type Update = (patch: Partial<Registration>) => void;

/** What every section of the registration form receives. */
export interface SectionProps {
  form: Registration;
  update: Update;
  errors: FieldErrors;
}

/** id and error for a field at `path`, so messages sit at their field and the first one can take focus. */
export function field(errors: FieldErrors, path: string): { id: string; error: string | undefined } {
  return { id: fieldId(path), error: errors[path] };
}

export function replaceAt<T>(list: readonly T[], index: number, patch: Partial<T>): T[] {
  return list.map((item, i) => (i === index ? { ...item, ...patch } : item));
}

export function removeAt<T>(list: readonly T[], index: number): T[] {
  return list.filter((_, i) => i !== index);
}

/** Moves a row one place up (-1) or down (+1), for lists whose order means something. */
export function move<T>(list: readonly T[], index: number, by: -1 | 1): T[] {
  const target = index + by;
  if (target < 0 || target >= list.length) return [...list];
  const out = [...list];
  [out[index], out[target]] = [out[target] as T, out[index] as T];
  return out;
}
