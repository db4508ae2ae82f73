// Writes a value into a field so that the page's own model sees it. Frameworks
// watch events, not the DOM: React compares against a value tracker it hooks on
// the element, Knockout reads on input/change/blur. So write through the native
// setter (bypassing any page-installed setter) and send the events a person's
// typing would, ending with the field left as the person would leave it.

const nativeValueSetter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;

export function setFieldValue(input: HTMLInputElement, value: string): void {
  input.focus({ preventScroll: true });
  input.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, composed: true, key: 'Unidentified' }));
  nativeValueSetter.call(input, value);
  input.dispatchEvent(
    new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertReplacementText', data: value }),
  );
  input.dispatchEvent(new KeyboardEvent('keyup', { bubbles: true, composed: true, key: 'Unidentified' }));
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

/** Models that only update on blur (older Knockout bindings) get one, without moving focus away. */
export function notifyBlur(input: HTMLInputElement): void {
  input.dispatchEvent(new FocusEvent('blur', { relatedTarget: null }));
  input.dispatchEvent(new FocusEvent('focusout', { bubbles: true, composed: true, relatedTarget: null }));
}
