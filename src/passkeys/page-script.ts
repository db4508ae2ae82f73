// MAIN-world page script, injected at document_start in every https frame.
// It will answer navigator.credentials.create/get for WebAuthn (passkeys issue);
// until then it deliberately changes nothing in the page.
export {};
