// An in-page lookup of elements by ARIA role and accessible name, for Firefox,
// whose WebDriver BiDi accessibility locator does not yet resolve form fields
// by their labels. It covers the roles Latchkey's UI contract names. Kept as a
// string so that no bundler helper leaks into the serialized function.

export const FIND_BY_ROLE_SOURCE = String.raw`
(role, nameSource, nameFlags, rootSelector) => {
  const name = nameSource === null ? null : new RegExp(nameSource, nameFlags);
  const implicitRole = (el) => {
    const explicit = el.getAttribute('role');
    if (explicit) return explicit.split(' ')[0];
    const tag = el.localName;
    if (tag === 'button' || tag === 'summary') return 'button';
    if (tag === 'a' && el.hasAttribute('href')) return 'link';
    if (tag === 'select') return el.multiple || el.size > 1 ? 'listbox' : 'combobox';
    if (tag === 'textarea') return 'textbox';
    if (tag === 'li') return 'listitem';
    if (tag === 'ul' || tag === 'ol') return 'list';
    if (tag === 'dialog') return 'dialog';
    if (tag === 'meter') return 'meter';
    if (/^h[1-6]$/.test(tag)) return 'heading';
    if (tag === 'input') {
      const type = (el.getAttribute('type') || 'text').toLowerCase();
      if (['button', 'submit', 'reset', 'image'].includes(type)) return 'button';
      if (type === 'checkbox') return 'checkbox';
      if (type === 'radio') return 'radio';
      if (type === 'number') return 'spinbutton';
      if (type === 'range') return 'slider';
      if (type === 'search') return 'searchbox';
      if (type === 'file' || type === 'hidden') return null;
      return 'textbox';
    }
    return null;
  };
  const textOf = (el) => (el.innerText ?? el.textContent ?? '').replace(/\s+/g, ' ').trim();
  const accessibleName = (el) => {
    const labelledBy = el.getAttribute('aria-labelledby');
    if (labelledBy) {
      return labelledBy.split(/\s+/).map((id) => document.getElementById(id)).filter(Boolean).map(textOf).join(' ').trim();
    }
    const label = el.getAttribute('aria-label');
    if (label && label.trim()) return label.trim();
    if (el.labels && el.labels.length) return Array.from(el.labels).map(textOf).join(' ').trim();
    const role = implicitRole(el);
    if (el.localName === 'input' && ['button', 'submit', 'reset'].includes(el.type)) return el.value || '';
    if (['button', 'link', 'listitem', 'heading', 'dialog', 'alert', 'status'].includes(role)) {
      return textOf(el) || el.getAttribute('title') || '';
    }
    return el.getAttribute('title') || el.getAttribute('placeholder') || '';
  };
  const visible = (el) => {
    if (el.closest('[hidden], [aria-hidden="true"]')) return false;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || style.display === 'none') return false;
    const rect = el.getBoundingClientRect();
    return rect.width > 0 && rect.height > 0;
  };
  const root = rootSelector ? document.querySelector(rootSelector) : document;
  if (!root) return null;
  for (const el of root.querySelectorAll('*')) {
    if (implicitRole(el) !== role || !visible(el)) continue;
    if (name === null || name.test(accessibleName(el))) return el;
  }
  return null;
}
`;

/** Turns a contract name into the pattern the lookup uses: case-insensitive, whole name. */
export function namePattern(name: string | RegExp | undefined): { source: string; flags: string } | null {
  if (name === undefined) return null;
  if (name instanceof RegExp) return { source: name.source, flags: name.flags };
  return { source: `^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, flags: 'i' };
}
