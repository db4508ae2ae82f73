// Requests of the import/export area: see src/vault/formats/.
export const dataProtocol = {} as const;
