import { fieldId } from './response-state';

/** Moves focus to the field at a path (its first input, else its first button), scrolling it into view. */
export function focusField(path: string): void {
  const element = document.getElementById(fieldId(path));
  if (!element) return;
  const control =
    element.querySelector<HTMLElement>('input:not([type="hidden"]):not([disabled]), textarea, select') ??
    element.querySelector<HTMLElement>('button');
  element.scrollIntoView({ block: 'center' });
  (control ?? element).focus({ preventScroll: true });
}
