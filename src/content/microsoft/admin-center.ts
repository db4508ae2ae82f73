// The Microsoft 365 admin center's "Reset password" panel sets another user's
// password: the admin types or generates it for the user named in the panel.
// Saving it over the admin's own login would lose the admin's password, so the
// submission is marked as another user's, with that user's name from the panel.

const ADMIN_HOSTS = ['admin.microsoft.com', 'admin.cloud.microsoft'];
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/;

export function resetTargetUser(field: HTMLInputElement): string | null {
  const host = location.hostname;
  if (!ADMIN_HOSTS.some((admin) => host === admin || host.endsWith(`.${admin}`))) return null;
  const panel = field.closest('[role=dialog]');
  if (!panel || !/reset password/i.test(`${panel.getAttribute('aria-label') ?? ''} ${panel.textContent ?? ''}`)) return null;
  return panel.textContent?.match(EMAIL)?.[0] ?? null;
}
