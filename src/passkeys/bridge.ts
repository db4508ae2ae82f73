// Isolated-world side of the WebAuthn bridge (see page-script.ts). A shell for now.
export {};
