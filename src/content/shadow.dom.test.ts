// @vitest-environment happy-dom
// Closed shadow roots, as each browser exposes them to an extension (stubbed here:
// happy-dom is neither browser), and the event target looked up inside them.
import { afterEach, describe, expect, it } from 'vitest';
import { deepInputs } from './detection/dom';
import { innermostTarget, shadowRootOf } from './shadow';

function closedWidget(): { host: HTMLElement; root: ShadowRoot } {
  const host = document.createElement('sign-in-widget');
  const root = host.attachShadow({ mode: 'closed' });
  root.innerHTML = '<input id="email" type="email"><input id="password" type="password"><div id="frame"></div>';
  document.body.append(host);
  return { host, root };
}

afterEach(() => {
  document.body.innerHTML = '';
  delete (globalThis as { chrome?: unknown }).chrome;
});

describe('closed shadow roots', () => {
  it('are invisible without an extension API, as in a page', () => {
    const { host } = closedWidget();
    expect(shadowRootOf(host)).toBeNull();
    expect(deepInputs(document)).toHaveLength(0);
  });

  it('are reached with chrome.dom.openOrClosedShadowRoot (Chrome)', () => {
    const { host, root } = closedWidget();
    (globalThis as { chrome?: unknown }).chrome = { dom: { openOrClosedShadowRoot: (element: Element) => (element === host ? root : null) } };
    expect(shadowRootOf(host)).toBe(root);
    expect(deepInputs(document).map((input) => input.id)).toEqual(['email', 'password']);
  });

  it('are reached with element.openOrClosedShadowRoot (Firefox)', () => {
    const { host, root } = closedWidget();
    Object.defineProperty(host, 'openOrClosedShadowRoot', { value: root });
    expect(shadowRootOf(host)).toBe(root);
  });

  it('a key event on the host is the focused field inside', () => {
    const { host, root } = closedWidget();
    Object.defineProperty(host, 'openOrClosedShadowRoot', { value: root });
    const email = root.getElementById('email') as HTMLInputElement;
    email.focus();
    let seen: Element | null = null;
    document.addEventListener('keyup', (event) => (seen = innermostTarget(event)), { once: true });
    // Browsers retarget an event out of a closed root to its host: dispatch it there as they would.
    host.dispatchEvent(new KeyboardEvent('keyup', { key: 'Tab', bubbles: true, composed: true }));
    expect(seen).toBe(email);
  });

  it('an event in a closed root that does not lead to a field stays on the host (Latchkey’s own hosts hold frames)', () => {
    const { host, root } = closedWidget();
    Object.defineProperty(host, 'openOrClosedShadowRoot', { value: root });
    (root.getElementById('frame') as HTMLElement).tabIndex = 0;
    (root.getElementById('frame') as HTMLElement).focus();
    let seen: Element | null = null;
    document.addEventListener('keyup', (event) => (seen = innermostTarget(event)), { once: true });
    host.dispatchEvent(new KeyboardEvent('keyup', { key: 'a', bubbles: true, composed: true }));
    expect(seen).toBe(host);
  });
});
