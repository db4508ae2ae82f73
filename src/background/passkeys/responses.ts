// The authenticator's results in WebAuthn's JSON form, which the page script
// turns back into PublicKeyCredential objects.
import type { AssertionResponse, AttestationResponse } from '../../passkeys/authenticator';
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '../../shared/protocol-passkeys';
import { toBase64Url } from '../../vault/bytes';

export function registrationJSON(response: AttestationResponse): RegistrationResponseJSON {
  const id = toBase64Url(response.credentialId);
  return {
    id,
    rawId: id,
    type: 'public-key',
    authenticatorAttachment: 'platform',
    clientExtensionResults: {},
    response: {
      clientDataJSON: toBase64Url(response.clientDataJSON),
      attestationObject: toBase64Url(response.attestationObject),
      authenticatorData: toBase64Url(response.authenticatorData),
      transports: [...response.transports],
      publicKey: toBase64Url(response.publicKeySpki),
      publicKeyAlgorithm: response.publicKeyAlgorithm,
    },
  };
}

export function authenticationJSON(response: AssertionResponse): AuthenticationResponseJSON {
  const id = toBase64Url(response.credentialId);
  return {
    id,
    rawId: id,
    type: 'public-key',
    authenticatorAttachment: 'platform',
    clientExtensionResults: {},
    response: {
      clientDataJSON: toBase64Url(response.clientDataJSON),
      authenticatorData: toBase64Url(response.authenticatorData),
      signature: toBase64Url(response.signature),
      userHandle: toBase64Url(response.userHandle),
    },
  };
}
