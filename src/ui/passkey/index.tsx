// The passkey consent surface shown in the page (Save passkey / sign in with a passkey). A shell for now.
export {};
