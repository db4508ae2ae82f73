// Handlers for the passkeys area's requests (src/shared/protocol-passkeys.ts).
// The router has already checked each payload's shape and its sender's kind.
import type { Handler } from '../router';
import type { SenderContext } from '../sender';
import type { StorageArea } from '../storage-area';
import type { TabsPort } from '../autofill/fill-service';
import type { VaultService } from '../vault-service';
import { PasskeyService } from './service';
import { readPasskeySettings, writePasskeySettings } from './settings';

export interface PasskeyHandlerDeps {
  vault: VaultService;
  local: StorageArea;
  session: StorageArea;
  tabs: TabsPort;
}

/** The router admits only the declared sender kinds; this narrows the type to match. */
function as<K extends SenderContext['kind']>(sender: SenderContext, kind: K): Extract<SenderContext, { kind: K }> {
  if (sender.kind !== kind) throw new Error(`expected a ${kind} sender`);
  return sender as Extract<SenderContext, { kind: K }>;
}

export function createPasskeyHandlers(deps: PasskeyHandlerDeps) {
  const service = new PasskeyService(deps);
  const handlers: {
    'passkeys.begin': Handler<'passkeys.begin'>;
    'passkeys.finish': Handler<'passkeys.finish'>;
    'passkeys.abort': Handler<'passkeys.abort'>;
    'passkeys.status': Handler<'passkeys.status'>;
    'passkeys.prompt': Handler<'passkeys.prompt'>;
    'passkeys.decide': Handler<'passkeys.decide'>;
    'passkeys.settings': Handler<'passkeys.settings'>;
    'menu.usePasskey': Handler<'menu.usePasskey'>;
    'passkeys.setSettings': Handler<'passkeys.setSettings'>;
  } = {
    'passkeys.begin': ({ operation, options, ancestorsSameOrigin, conditional }, sender) =>
      service.begin(operation, options, ancestorsSameOrigin, as(sender, 'content'), conditional === true),
    'menu.usePasskey': ({ token, passkeyId }, sender) => service.useFromMenu(token, passkeyId, as(sender, 'inline-ui')),
    'passkeys.finish': ({ token }, sender) => service.finish(token, as(sender, 'content')),
    'passkeys.abort': ({ token }, sender) => service.abort(token, as(sender, 'content')),
    'passkeys.status': () => readPasskeySettings(deps.local),
    'passkeys.prompt': ({ token }, sender) => service.prompt(token, as(sender, 'inline-ui')),
    'passkeys.decide': ({ token, choice, itemId }, sender) => service.decide(token, choice, itemId, as(sender, 'inline-ui')),
    'passkeys.settings': () => readPasskeySettings(deps.local),
    'passkeys.setSettings': ({ enabled }) => writePasskeySettings(deps.local, { enabled }),
  };
  return handlers;
}
