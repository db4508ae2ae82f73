// Tells a person's own action apart from a page script's, in pages and in our
// in-page views alike. `isTrusted` alone does not: in Chromium a script's
// element.focus(), button.click() and form.requestSubmit() fire trusted events.
// The page's user activation (navigator.userActivation) confirms a person is acting now.

interface UserActivation {
  isActive: boolean;
}

export function isPersonEvent(event: Event): boolean {
  if (!event.isTrusted) return false;
  const activation = (navigator as Navigator & { userActivation?: UserActivation }).userActivation;
  // Browsers without the API (none we support today) fall back to isTrusted.
  return activation ? activation.isActive : true;
}
