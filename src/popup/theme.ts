// The popup's theme: the system's unless the person chose one in settings.
import type { Settings } from '../shared/protocol';

export function applyTheme(theme: Settings['theme']): void {
  if (theme === 'system') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = theme;
}
