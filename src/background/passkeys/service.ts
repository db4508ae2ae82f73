// The background as WebAuthn authenticator: checks who is asking (from the
// browser's sender, never from the page), holds the ceremony while the person
// decides in the consent page, then creates or uses the passkey in the vault.
import { originOf } from '../frame-origin';
import { UserFacingError } from '../../shared/errors';
import type {
  BeginAnswer,
  CeremonyOutcome,
  FinishAnswer,
  MenuPasskeys,
  PasskeyPrompt,
} from '../../shared/protocol-passkeys';
import { fromBase64Url, bytesEqual } from '../../vault/bytes';
import { newItem, type PasskeyItem } from '../../vault/model';
import {
  chooseAlgorithm,
  getAssertion,
  isWebAuthnError,
  makeCredential,
  matchingPasskeys,
  validateRpId,
  WebAuthnError,
} from '../../passkeys/authenticator';
import type { TabsPort } from '../autofill/fill-service';
import { resolveMenuSession, type MenuSession } from '../menu-sessions';
import type { SenderContext } from '../sender';
import type { StorageArea } from '../storage-area';
import type { VaultService } from '../vault-service';
import { Ceremonies, type Ceremony } from './ceremonies';
import { parseCreateOptions, parseGetOptions, userVerificationOf, type CreateOptions, type GetOptions } from './options';
import { authenticationJSON, registrationJSON } from './responses';
import { readPasskeySettings } from './settings';
import { presentLately } from '../presence';

/** The master password counts as user verification for this long after it was entered. */
export { PRESENCE_WINDOW_MS as VERIFICATION_WINDOW_MS } from '../presence';
/** How long one finish request waits before the bridge asks again. */
const FINISH_WAIT_MS = 20_000;

type ContentSender = Extract<SenderContext, { kind: 'content' }>;
type ViewSender = Extract<SenderContext, { kind: 'inline-ui' }>;

export interface PasskeyServiceDeps {
  vault: VaultService;
  local: StorageArea;
  session: StorageArea;
  tabs: TabsPort;
  now?: () => number;
}

/** Refusals the page must see as DOMExceptions; anything else is our failure. */
function asOutcome(error: unknown): CeremonyOutcome {
  if (isWebAuthnError(error)) return { kind: 'error', name: error.name, message: error.message };
  if (error instanceof TypeError) return { kind: 'error', name: 'TypeError', message: error.message };
  throw error;
}


export class PasskeyService {
  private readonly ceremonies: Ceremonies;
  private readonly now: () => number;

  constructor(private readonly deps: PasskeyServiceDeps) {
    this.now = deps.now ?? Date.now;
    this.ceremonies = new Ceremonies(deps.session, this.now);
  }

  async begin(
    operation: 'create' | 'get',
    rawOptions: unknown,
    ancestorsSameOrigin: boolean,
    sender: ContentSender,
    conditional = false,
  ): Promise<BeginAnswer> {
    if (!(await readPasskeySettings(this.deps.local)).enabled) return { kind: 'fallback' };
    let rpId: string;
    try {
      const options = operation === 'create' ? parseCreateOptions(rawOptions) : parseGetOptions(rawOptions);
      if (!(await this.sameOriginWithAncestors(sender, ancestorsSameOrigin))) {
        throw new WebAuthnError('NotAllowedError', 'Passkeys are not available in a frame whose origin differs from the page around it.');
      }
      rpId = validateRpId(sender.origin, operation === 'create' ? (options as CreateOptions).rp.id : (options as GetOptions).rpId);
      if (operation === 'create') chooseAlgorithm((options as CreateOptions).pubKeyCredParams);
      // Nothing of ours to offer: let the browser's own authenticators answer at once.
      if (operation === 'get' && (await this.deps.vault.isUnlocked())) {
        const mine = matchingPasskeys(rpId, (options as GetOptions).allowCredentials, await this.passkeys());
        if (mine.length === 0) return { kind: 'fallback' };
      }
    } catch (error) {
      return asOutcome(error);
    }
    const ceremony = await this.ceremonies.open({
      operation,
      tabId: sender.tabId,
      frameId: sender.frameId,
      origin: sender.origin,
      rpId,
      options: rawOptions,
      ...(conditional && operation === 'get' ? { conditional: true } : {}),
    });
    return { kind: 'consent', token: ceremony.token };
  }

  async prompt(token: string, sender: ViewSender): Promise<PasskeyPrompt> {
    const ceremony = await this.consentCeremony(token, sender);
    const vault = (await this.deps.vault.status()).state;
    const create = ceremony.operation === 'create' ? parseCreateOptions(ceremony.options) : null;
    const prompt: PasskeyPrompt = {
      operation: ceremony.operation,
      vault,
      rpId: ceremony.rpId,
      rpName: create?.rp.name ?? ceremony.rpId,
      userName: create?.user.name ?? '',
      excluded: false,
      passkeys: [],
      needsPassword: false,
      finished: ceremony.outcome !== null,
    };
    if (vault !== 'unlocked' || prompt.finished) return prompt;

    prompt.needsPassword = !(await this.verifiedFor(ceremony));
    if (create) {
      prompt.excluded = await this.isExcluded(ceremony.rpId, create);
      return prompt;
    }
    const matches = this.matches(ceremony, await this.passkeys());
    prompt.passkeys = matches.map((p) => ({ id: p.id, userName: p.userName, userDisplayName: p.userDisplayName }));
    if (matches.length === 0) {
      // Unlocking showed there is nothing here: step aside for the browser's own WebAuthn.
      await this.ceremonies.decideOnce(ceremony, async () => ({ kind: 'fallback' })).catch(() => undefined);
      prompt.finished = true;
    }
    return prompt;
  }

  async decide(token: string, choice: 'save' | 'use' | 'cancel', itemId: string | undefined, sender: ViewSender): Promise<{ done: true }> {
    const ceremony = await this.consentCeremony(token, sender);
    if (choice !== 'cancel' && !(await this.verifiedFor(ceremony))) {
      throw new UserFacingError('wrong-password', 'This site asks Latchkey to confirm it is you: enter your master password.');
    }
    await this.ceremonies.decideOnce(ceremony, async () => {
      try {
        if (choice === 'cancel') return await this.cancelled(ceremony);
        if (ceremony.operation === 'create' && choice === 'save') return await this.create(ceremony);
        if (ceremony.operation === 'get' && choice === 'use' && itemId) return await this.assert(ceremony, itemId);
      } catch (error) {
        return asOutcome(error);
      }
      throw new UserFacingError('bad-request', 'That choice does not fit this passkey request.');
    });
    return { done: true };
  }

  async finish(token: string, sender: ContentSender): Promise<FinishAnswer> {
    const ceremony = await this.ownCeremony(token, sender);
    const outcome = await this.ceremonies.wait(ceremony, FINISH_WAIT_MS);
    if (!outcome) return { kind: 'pending' };
    await this.ceremonies.close(token);
    return outcome;
  }

  async abort(token: string, sender: ContentSender): Promise<{ ok: true }> {
    const ceremony = await this.ownCeremony(token, sender);
    await this.ceremonies
      .decideOnce(ceremony, async () => ({ kind: 'error', name: 'AbortError', message: 'The page aborted the passkey request.' }))
      .catch(() => undefined);
    return { ok: true };
  }

  /**
   * A trusted click on a passkey in the inline menu of a `webauthn` field: the
   * pending conditional get of the menu's frame is answered with that passkey,
   * under the same checks and user-verification rules as the consent page.
   */
  async useFromMenu(menuToken: string, passkeyId: string, sender: ViewSender): Promise<{ done: true }> {
    const menu = await resolveMenuSession(this.deps.session, menuToken, sender.tabId, this.now());
    const ceremony = menu.webauthn && menu.fieldKind === 'username'
      ? await this.ceremonies.conditionalFor(menu.tabId, menu.frameId, menu.origin)
      : null;
    if (!ceremony) throw new UserFacingError('not-found', 'This page is not asking for a passkey any more.');
    if (!(await this.verifiedFor(ceremony))) {
      throw new UserFacingError('wrong-password', 'This site asks Latchkey to confirm it is you: enter your master password.');
    }
    await this.ceremonies.decideOnce(ceremony, async () => {
      try {
        return await this.assert(ceremony, passkeyId);
      } catch (error) {
        if (error instanceof UserFacingError) throw error;
        return asOutcome(error);
      }
    });
    return { done: true };
  }

  // -------------------------------------------------------------------------

  /** The consent page serves modal ceremonies only; conditional ones are answered from the inline menu. */
  private async consentCeremony(token: string, sender: ViewSender): Promise<Ceremony> {
    const ceremony = await this.ceremonies.find(token, sender.tabId);
    if (ceremony.conditional) throw new UserFacingError('not-found', 'This passkey request is no longer open.');
    return ceremony;
  }

  /** Only the frame that began a ceremony may collect or abort it. */
  private async ownCeremony(token: string, sender: ContentSender): Promise<Ceremony> {
    const ceremony = await this.ceremonies.find(token, sender.tabId);
    if (ceremony.frameId !== sender.frameId || ceremony.origin !== sender.origin) {
      throw new UserFacingError('forbidden-sender', 'This passkey request belongs to another frame.');
    }
    return ceremony;
  }

  /**
   * The top frame's origin comes from the browser; the bridge adds what only the
   * frame can see (intermediate ancestors), which can only make the answer stricter.
   */
  private async sameOriginWithAncestors(sender: ContentSender, ancestorsSameOrigin: boolean): Promise<boolean> {
    if (sender.frameId === 0) return true;
    const top = originOf(await this.deps.tabs.topUrl(sender.tabId).catch(() => null));
    return ancestorsSameOrigin && top === sender.origin;
  }

  private verifiedLately(): Promise<boolean> {
    return verifiedLately(this.deps.session, this.now);
  }

  /** Whether the ceremony may go ahead as far as user verification goes. */
  private verifiedFor(ceremony: Ceremony): Promise<boolean> {
    return verifiedFor(this.deps.session, this.now, ceremony);
  }

  private passkeys(): Promise<PasskeyItem[]> {
    return passkeysOf(this.deps.vault);
  }

  private matches(ceremony: Ceremony, passkeys: PasskeyItem[]): PasskeyItem[] {
    return matchingPasskeys(ceremony.rpId, parseGetOptions(ceremony.options).allowCredentials, passkeys);
  }

  private async isExcluded(rpId: string, options: CreateOptions): Promise<boolean> {
    const excluded = options.excludeCredentials ?? [];
    return (await this.passkeys()).some(
      (p) => p.rpId === rpId && excluded.some((e) => bytesEqual(e.id, fromBase64Url(p.credentialId))),
    );
  }

  /** Cancel means "not Latchkey", except that an excluded credential must be reported as such. */
  private async cancelled(ceremony: Ceremony): Promise<CeremonyOutcome> {
    if (ceremony.operation === 'create' && (await this.deps.vault.isUnlocked())) {
      if (await this.isExcluded(ceremony.rpId, parseCreateOptions(ceremony.options))) {
        return { kind: 'error', name: 'InvalidStateError', message: 'A passkey for this account is already saved.' };
      }
    }
    return { kind: 'fallback' };
  }

  private async create(ceremony: Ceremony): Promise<CeremonyOutcome> {
    const options = parseCreateOptions(ceremony.options);
    const result = await makeCredential(
      { ...options, origin: ceremony.origin, sameOriginWithAncestors: true },
      { existingPasskeys: await this.passkeys(), userVerified: await this.verifiedLately(), backupEligible: true },
    );
    const item = newItem('passkey', { ...result.passkey, name: result.passkey.rpName || result.passkey.rpId });
    await this.deps.vault.update((draft) => void draft.items.push(item));
    return { kind: 'credential', credential: registrationJSON(result.response) };
  }

  private async assert(ceremony: Ceremony, itemId: string): Promise<CeremonyOutcome> {
    const passkey = this.matches(ceremony, await this.passkeys()).find((p) => p.id === itemId);
    if (!passkey) throw new UserFacingError('not-found', 'That passkey is not offered for this site.');
    const options = parseGetOptions(ceremony.options);
    const result = await getAssertion({ ...options, origin: ceremony.origin, sameOriginWithAncestors: true }, passkey, {
      userVerified: await this.verifiedLately(),
    });
    await this.deps.vault.update((draft) => {
      const stored = draft.items.find((item) => item.id === passkey.id);
      if (stored?.type === 'passkey') stored.signCount = result.newSignCount;
    });
    return { kind: 'credential', credential: authenticationJSON(result.response) };
  }
}

/** User verification: the master password was typed in Latchkey's window moments ago (presence.ts). */
async function verifiedLately(session: StorageArea, now: () => number): Promise<boolean> {
  return presentLately(session, now());
}

async function verifiedFor(session: StorageArea, now: () => number, ceremony: Ceremony): Promise<boolean> {
  const options = ceremony.operation === 'create' ? parseCreateOptions(ceremony.options) : parseGetOptions(ceremony.options);
  return userVerificationOf(ceremony.operation, options) !== 'required' || (await verifiedLately(session, now));
}

async function passkeysOf(vault: VaultService): Promise<PasskeyItem[]> {
  return (await vault.read()).items.filter((item): item is PasskeyItem => item.type === 'passkey');
}

/**
 * For the inline menu of a `webauthn` field: the passkeys the frame's pending
 * conditional get would accept, or null when it has none pending (or the vault is locked).
 */
export async function conditionalMenuPasskeys(
  deps: { vault: VaultService; session: StorageArea; now?: () => number },
  menu: Pick<MenuSession, 'tabId' | 'frameId' | 'origin' | 'fieldKind' | 'webauthn'>,
): Promise<MenuPasskeys | null> {
  if (!menu.webauthn || menu.fieldKind !== 'username' || !(await deps.vault.isUnlocked())) return null;
  const now = deps.now ?? Date.now;
  const ceremony = await new Ceremonies(deps.session, now).conditionalFor(menu.tabId, menu.frameId, menu.origin);
  if (!ceremony) return null;
  const matches = matchingPasskeys(ceremony.rpId, parseGetOptions(ceremony.options).allowCredentials, await passkeysOf(deps.vault));
  return {
    passkeys: matches.map((p) => ({ id: p.id, name: p.name, userName: p.userName })),
    needsPassword: !(await verifiedFor(deps.session, now, ceremony)),
  };
}
