// Page-script side: WebAuthn options (with BufferSources) to their JSON form,
// and base64url back to ArrayBuffers. Runs in the page's world, so it accepts
// buffers from any realm (a same-origin iframe's ArrayBuffer fails instanceof).

const tagOf = (value: unknown) => Object.prototype.toString.call(value);

function bytesOf(value: unknown, name: string): Uint8Array {
  if (tagOf(value) === '[object ArrayBuffer]') return new Uint8Array(value as ArrayBuffer);
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  throw new TypeError(`${name} must be a BufferSource`);
}

export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64Url(text: string): ArrayBuffer {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes.buffer;
}

const b64 = (value: unknown, name: string) => toBase64Url(bytesOf(value, name));

type Descriptor = { type?: unknown; id?: unknown; transports?: unknown };

function descriptors(list: unknown, name: string) {
  if (list === undefined || list === null) return undefined;
  if (!Array.isArray(list)) throw new TypeError(`${name} must be a sequence`);
  return list.map((d: Descriptor, i) => ({
    type: String(d?.type ?? 'public-key'),
    id: b64(d?.id, `${name}[${i}].id`),
    ...(Array.isArray(d?.transports) ? { transports: d.transports.map(String) } : {}),
  }));
}

/** Strings only where WebAuthn has strings; undefined stays out of the JSON. */
const str = (value: unknown) => (value === undefined ? undefined : String(value));

export function creationOptionsToJSON(o: PublicKeyCredentialCreationOptions): unknown {
  if (!o?.rp || !o.user || !Array.isArray(o.pubKeyCredParams)) throw new TypeError('publicKey needs rp, user and pubKeyCredParams');
  const selection = o.authenticatorSelection;
  return {
    rp: { name: String(o.rp.name), id: str(o.rp.id) },
    user: { id: b64(o.user.id, 'user.id'), name: String(o.user.name), displayName: String(o.user.displayName ?? '') },
    challenge: b64(o.challenge, 'challenge'),
    pubKeyCredParams: o.pubKeyCredParams.map((p) => ({ type: String(p?.type), alg: Number(p?.alg) })),
    excludeCredentials: descriptors(o.excludeCredentials, 'excludeCredentials'),
    authenticatorSelection: selection
      ? {
          userVerification: str(selection.userVerification),
          residentKey: str(selection.residentKey),
          authenticatorAttachment: str(selection.authenticatorAttachment),
        }
      : undefined,
  };
}

export function requestOptionsToJSON(o: PublicKeyCredentialRequestOptions): unknown {
  if (!o) throw new TypeError('publicKey is required');
  return {
    challenge: b64(o.challenge, 'challenge'),
    rpId: str(o.rpId),
    allowCredentials: descriptors(o.allowCredentials, 'allowCredentials'),
    userVerification: str(o.userVerification),
  };
}
