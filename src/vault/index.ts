// Public surface of the vault core (pure TypeScript, no extension APIs).
export * from './errors';
export * from './bytes';
export * from './model';
export * from './search';
export * from './kdf';
export * from './aead';
export * from './migrations';
export * from './vault-file';
export * from './totp';
