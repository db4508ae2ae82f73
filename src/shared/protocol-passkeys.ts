// Requests of the passkeys area (WebAuthn): see src/passkeys/ and src/background/passkeys/.
//
// A ceremony: the page's bridge (content) asks to begin; the background checks
// origin, RP ID and frame and answers with a consent token; the consent page
// (inline-ui) shows the choice and reports it; the bridge collects the outcome.
import { request } from './request';
import { boolean, literal, object, optional, string, unknownValue } from './validate';

/** WebAuthn's JSON forms (L3 §5.1.8/§5.1.9): binary values as unpadded base64url. */
export interface RegistrationResponseJSON {
  id: string;
  rawId: string;
  type: 'public-key';
  authenticatorAttachment: 'platform';
  clientExtensionResults: Record<string, never>;
  response: {
    clientDataJSON: string;
    attestationObject: string;
    authenticatorData: string;
    transports: string[];
    publicKey: string;
    publicKeyAlgorithm: number;
  };
}

export interface AuthenticationResponseJSON {
  id: string;
  rawId: string;
  type: 'public-key';
  authenticatorAttachment: 'platform';
  clientExtensionResults: Record<string, never>;
  response: {
    clientDataJSON: string;
    authenticatorData: string;
    signature: string;
    userHandle: string;
  };
}

/** DOMException names a ceremony may end with. */
export type CeremonyErrorName = 'SecurityError' | 'NotAllowedError' | 'NotSupportedError' | 'InvalidStateError' | 'ConstraintError' | 'AbortError' | 'TypeError';

/** How a ceremony ended, as the page script needs to know it. */
export type CeremonyOutcome =
  | { kind: 'credential'; credential: RegistrationResponseJSON | AuthenticationResponseJSON }
  /** Latchkey steps aside: the page script calls the browser's own WebAuthn. */
  | { kind: 'fallback' }
  | { kind: 'error'; name: CeremonyErrorName; message: string };

export type BeginAnswer = CeremonyOutcome | { kind: 'consent'; token: string };
export type FinishAnswer = CeremonyOutcome | { kind: 'pending' };

export interface PasskeyChoice {
  id: string;
  userName: string;
  userDisplayName: string;
}

/** What the consent page shows. */
export interface PasskeyPrompt {
  operation: 'create' | 'get';
  vault: 'none' | 'locked' | 'unlocked';
  rpId: string;
  rpName: string;
  /** create: the account the passkey is for. */
  userName: string;
  /** create: a passkey listed in excludeCredentials is already saved. */
  excluded: boolean;
  /** get: the passkeys to choose from. */
  passkeys: PasskeyChoice[];
  /** The site requires user verification and the master password was not entered lately. */
  needsPassword: boolean;
  /** The ceremony already ended (e.g. nothing to offer): the page is about to close the prompt. */
  finished: boolean;
}

/** Passkeys a pending conditional get offers in the inline menu of a `webauthn` field. */
export interface MenuPasskeys {
  passkeys: { id: string; name: string; userName: string }[];
  /** The site requires user verification and the master password was not entered lately. */
  needsPassword: boolean;
}

export interface PasskeySettings {
  enabled: boolean;
}

const token = string({ min: 16, max: 64 });

export const passkeyProtocol = {
  /** The bridge starts a create() or get(); `options` is WebAuthn JSON, checked in full by the handler. */
  'passkeys.begin': request<{ operation: 'create' | 'get'; options: unknown; ancestorsSameOrigin: boolean; conditional?: boolean }, BeginAnswer>(
    ['content'],
    object({ operation: literal('create', 'get'), options: unknownValue, ancestorsSameOrigin: boolean, conditional: optional(boolean) }),
  ),
  /** The bridge waits (a while) for the outcome of the ceremony it began. */
  'passkeys.finish': request<{ token: string }, FinishAnswer>(['content'], object({ token })),
  /** The page aborted its request (AbortSignal). */
  'passkeys.abort': request<{ token: string }, { ok: true }>(['content'], object({ token })),
  /** Whether Latchkey answers WebAuthn at all (isUserVerifyingPlatformAuthenticatorAvailable). */
  'passkeys.status': request<Record<string, never>, PasskeySettings>(['content'], object({})),
  'passkeys.prompt': request<{ token: string }, PasskeyPrompt>(['inline-ui'], object({ token })),
  /** A trusted click in the consent page. */
  'passkeys.decide': request<{ token: string; choice: 'save' | 'use' | 'cancel'; itemId?: string }, { done: true }>(
    ['inline-ui'],
    object({ token, choice: literal('save', 'use', 'cancel'), itemId: optional(string({ min: 1, max: 100 })) }),
  ),
  /**
   * A trusted click on a passkey in the inline menu (conditional mediation): the
   * menu's own token names the frame; the pending conditional get of that frame answers.
   */
  'menu.usePasskey': request<{ token: string; passkeyId: string }, { done: true }>(
    ['inline-ui'],
    object({ token, passkeyId: string({ min: 1, max: 100 }) }),
  ),
  'passkeys.settings': request<Record<string, never>, PasskeySettings>(['popup'], object({})),
  'passkeys.setSettings': request<PasskeySettings, PasskeySettings>(['popup'], object({ enabled: boolean })),
} as const;
