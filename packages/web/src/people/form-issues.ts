/** Problems with a registration, placed at the form field they are about. */

/** Messages by field path (`birth.date`, `identifiers.0.value`); the first problem of each field wins. */
export type FieldErrors = Readonly<Record<string, string>>;

export function pathKey(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}

export function collectFieldErrors<I extends { path: readonly PropertyKey[] }>(
  issues: readonly I[],
  message: (issue: I) => string,
): FieldErrors {
  const errors: Record<string, string> = {};
  for (const issue of issues) errors[pathKey(issue.path)] ??= message(issue);
  return errors;
}

/** The DOM id of a field, so the first invalid one can take focus. */
export function fieldId(path: string): string {
  return `register-${path.replace(/\./g, '-')}`;
}

/**
 * The form field a server issue's FHIRPath points at. Rows line up with the Patient's list elements
 * because a form that passed validation has no blank rows (those are the ones left out).
 */
const SERVER_FIELDS: readonly [RegExp, (index: string) => string][] = [
  [/^Patient\.birthDate/, () => 'birth.date'],
  [/^Patient\.gender/, () => 'gender'],
  [/^Patient\.identifier\[(\d+)\]/, (i) => `identifiers.${i}.value`],
  [/^Patient\.telecom\[(\d+)\]/, (i) => `telecom.${i}.value`],
  [/^Patient\.communication\[(\d+)\]/, (i) => `languages.${i}.code`],
  [/^Patient\.contact/, () => 'emergencyContact.name'],
  [/^Patient\.address/, () => 'address'],
  [/^Patient\.photo/, () => 'photo'],
  [/^Patient\.name/, () => 'name.given'],
];

export function serverIssueField(expression: string | undefined): string | undefined {
  if (!expression) return undefined;
  for (const [pattern, field] of SERVER_FIELDS) {
    const m = pattern.exec(expression);
    if (m) return field(m[1] ?? '');
  }
  return undefined;
}
