// Which relying party a caller may act for (WebAuthn L3 §5.1.3 steps 7-8 and
// §5.1.4.1 steps 6-7, with HTML's "is a registrable domain suffix of or is
// equal to"). This is the check that stops evil.example from creating or
// using credentials for bank.example, so it fails closed on anything odd.
//
// Choices:
// - Origins must be https, or http on localhost / *.localhost (browsers treat
//   those as potentially trustworthy; developers test there).
// - IP-address origins are refused outright, as the spec requires (the
//   effective domain must be a valid domain) and as browsers do.
// - An rpId equal to the caller's host is always accepted, even when the host
//   is itself a public suffix (https://github.io may use rpId "github.io",
//   http://localhost may use "localhost"): such a credential is still usable
//   by that one host only, and this is what the spec and Chromium do.
// - A strictly shorter rpId must end the host on a label boundary and must
//   not be, or lie inside, a public suffix (ICANN or private section of the
//   PSL, e.g. "com", "co.uk", "github.io").
// - rpIds are normalised like hosts: lowercase, IDNs to punycode. The
//   normalised form is returned and is what gets hashed into rpIdHash.
// - Hosts or rpIds with a trailing dot are refused rather than guessed at.

import { getDomain, getPublicSuffix } from 'tldts';
import { WebAuthnError } from './errors';

const PSL_OPTIONS = { allowPrivateDomains: true } as const;
const MAX_RP_ID_LENGTH = 253;

// Characters that would make the URL parser read an rpId as more than a host
// (userinfo, port, path, IPv6 literal) or silently percent-decode it.
// eslint-disable-next-line no-control-regex -- the control characters are exactly what this refuses
const NON_HOST_CHARACTERS = /[\s/\\?#@:[\]%\u0000-\u001f\u007f]/;
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

function securityError(message: string): never {
  throw new WebAuthnError('SecurityError', message);
}

function isIpAddress(host: string): boolean {
  return host.startsWith('[') || IPV4.test(host);
}

function isLocalhost(host: string): boolean {
  return host === 'localhost' || host.endsWith('.localhost');
}

export interface CallerOrigin {
  /** Serialized origin, e.g. "https://login.example.com". */
  origin: string;
  /** ASCII lowercase host, e.g. "login.example.com". */
  host: string;
}

/** Checks that `origin` is a serialized origin that may use WebAuthn at all. */
export function parseCallerOrigin(origin: string): CallerOrigin {
  if (typeof origin !== 'string' || origin === '') throw new TypeError('caller origin must be a non-empty string');
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    securityError(`The caller origin ${JSON.stringify(origin)} is not a valid origin`);
  }
  // The extension must pass the serialized origin, not a page URL: a path or
  // uppercase host here means the caller derived it some other way.
  if (url.origin !== origin) {
    securityError(`The caller origin ${JSON.stringify(origin)} is not a serialized origin (expected ${JSON.stringify(url.origin)})`);
  }
  const host = url.hostname;
  if (url.protocol === 'http:') {
    if (!isLocalhost(host)) securityError(`WebAuthn requires a secure origin; ${origin} is plain http (only http://localhost is allowed)`);
  } else if (url.protocol !== 'https:') {
    securityError(`WebAuthn is not available to ${url.protocol} origins`);
  }
  if (isIpAddress(host)) securityError(`WebAuthn is not available to IP-address origins (${origin}); a domain name is required`);
  if (host.endsWith('.')) securityError(`WebAuthn is not available to hosts with a trailing dot (${origin})`);
  return { origin, host };
}

/** Normalises an rpId as a host (lowercase, punycode), or throws SecurityError. */
export function normalizeRpId(rpId: string): string {
  if (typeof rpId !== 'string') throw new TypeError(`rpId must be a string, got ${typeof rpId}`);
  if (rpId === '') securityError('The relying party ID is empty');
  if (rpId.length > MAX_RP_ID_LENGTH) securityError(`The relying party ID is longer than ${MAX_RP_ID_LENGTH} characters`);
  if (NON_HOST_CHARACTERS.test(rpId)) securityError(`The relying party ID ${JSON.stringify(rpId)} is not a valid domain`);
  let host: string;
  try {
    host = new URL(`https://${rpId}/`).hostname;
  } catch {
    securityError(`The relying party ID ${JSON.stringify(rpId)} is not a valid domain`);
  }
  if (isIpAddress(host)) securityError(`The relying party ID ${JSON.stringify(rpId)} is an IP address; WebAuthn requires a domain`);
  if (host.endsWith('.')) securityError(`The relying party ID ${JSON.stringify(rpId)} has a trailing dot`);
  if (host.length > MAX_RP_ID_LENGTH) securityError(`The relying party ID is longer than ${MAX_RP_ID_LENGTH} characters once encoded`);
  return host;
}

/**
 * Returns the rpId the operation will use: the caller's host when none is
 * requested, else the normalised requested rpId if the caller may claim it.
 * `callerOrigin` must be the true origin established by the extension.
 */
export function validateRpId(callerOrigin: string, requestedRpId: string | undefined): string {
  const { origin, host } = parseCallerOrigin(callerOrigin);
  if (requestedRpId === undefined) return host;
  const rpId = normalizeRpId(requestedRpId);
  if (rpId === host) return rpId;
  if (!host.endsWith(`.${rpId}`)) {
    securityError(`The relying party ID "${rpId}" is not a registrable domain suffix of, nor equal to, the origin ${origin}`);
  }
  // Claiming a public suffix would let one site act for all its neighbours.
  const hostSuffix = getPublicSuffix(host, PSL_OPTIONS);
  if (getDomain(rpId, PSL_OPTIONS) === null || hostSuffix === rpId || (hostSuffix !== null && hostSuffix.endsWith(`.${rpId}`))) {
    securityError(`The relying party ID "${rpId}" is a public suffix and cannot be used by ${origin}`);
  }
  return rpId;
}
