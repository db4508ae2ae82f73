// A first, cheap look at a focused field: is it somewhere Latchkey can help?
// The full form classifier (login, identifier-first, change, reset, codes) builds on this.

export type FieldKind = 'username' | 'password' | 'new-password';

const USERNAME_HINT = /user|login|email|e-mail|account|identifier|loginfmt/i;

export function fieldKindOf(element: Element): FieldKind | null {
  if (!(element instanceof HTMLInputElement) || element.disabled || element.readOnly) return null;
  const autocomplete = element.autocomplete.toLowerCase();
  if (element.type === 'password') return autocomplete.includes('new-password') ? 'new-password' : 'password';
  if (autocomplete.includes('username') || autocomplete.includes('email')) return 'username';
  if (element.type === 'email') return 'username';
  if (element.type !== 'text' && element.type !== '') return null;
  const hints = [element.name, element.id, element.placeholder, element.getAttribute('aria-label') ?? ''].join(' ');
  return USERNAME_HINT.test(hints) ? 'username' : null;
}
