// Requests of the passkeys area (WebAuthn): see src/passkeys/.
import { request } from './request';
import { object } from './validate';

void request;
void object;

export const passkeyProtocol = {} as const;
