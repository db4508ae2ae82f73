// Page-script side: builds PublicKeyCredential objects from the JSON the
// background returns. They carry the real prototypes, so `instanceof
// PublicKeyCredential` holds; their own properties shadow the native getters
// (which would throw on an object the browser did not make).
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '../../shared/protocol-passkeys';
import { fromBase64Url } from './page-codec';

type Json = RegistrationResponseJSON | AuthenticationResponseJSON;

function protoOf(name: string): object {
  const ctor = (globalThis as unknown as Record<string, { prototype?: object } | undefined>)[name];
  return ctor?.prototype ?? Object.prototype;
}

function withValues(proto: object, values: Record<string, unknown>): object {
  const target = Object.create(proto) as object;
  for (const [key, value] of Object.entries(values)) {
    Object.defineProperty(target, key, { value, enumerable: typeof value !== 'function', configurable: true });
  }
  return target;
}

const copy = (buffer: ArrayBuffer) => buffer.slice(0);

function attestationResponse(r: RegistrationResponseJSON['response']): object {
  const authenticatorData = fromBase64Url(r.authenticatorData);
  const publicKey = fromBase64Url(r.publicKey);
  return withValues(protoOf('AuthenticatorAttestationResponse'), {
    clientDataJSON: fromBase64Url(r.clientDataJSON),
    attestationObject: fromBase64Url(r.attestationObject),
    getAuthenticatorData: () => copy(authenticatorData),
    getPublicKey: () => copy(publicKey),
    getPublicKeyAlgorithm: () => r.publicKeyAlgorithm,
    getTransports: () => [...r.transports],
    toJSON: () => ({ ...r, transports: [...r.transports] }),
  });
}

function assertionResponse(r: AuthenticationResponseJSON['response']): object {
  return withValues(protoOf('AuthenticatorAssertionResponse'), {
    clientDataJSON: fromBase64Url(r.clientDataJSON),
    authenticatorData: fromBase64Url(r.authenticatorData),
    signature: fromBase64Url(r.signature),
    userHandle: fromBase64Url(r.userHandle),
    toJSON: () => ({ ...r }),
  });
}

export function credentialFromJSON(json: Json): PublicKeyCredential {
  const response = 'attestationObject' in json.response
    ? attestationResponse(json.response)
    : assertionResponse(json.response as AuthenticationResponseJSON['response']);
  return withValues(protoOf('PublicKeyCredential'), {
    id: json.id,
    rawId: fromBase64Url(json.rawId),
    type: 'public-key',
    authenticatorAttachment: json.authenticatorAttachment,
    response,
    getClientExtensionResults: () => ({}),
    // A deep copy each time, as the page may change what it gets.
    toJSON: () => JSON.parse(JSON.stringify(json)) as Json,
  }) as PublicKeyCredential;
}
