// The single entry point for messages into the background. Shape, type and
// sender are checked here, before any handler runs; every failure becomes an
// error answer, never an exception that leaves the caller hanging.
import { UserFacingError } from '../shared/errors';
import {
  isRequestType,
  protocol,
  type Answer,
  type AnswerOf,
  type PayloadOf,
  type RequestType,
} from '../shared/protocol';
import { ValidationError } from '../shared/validate';
import { classifySender, type ExtensionIdentity, type RawSender, type SenderContext } from './sender';

export type Handler<T extends RequestType> = (
  payload: PayloadOf<T>,
  sender: SenderContext,
) => Promise<AnswerOf<T>> | AnswerOf<T>;

export type Handlers = { [T in RequestType]: Handler<T> };

export interface RouterOptions {
  self: ExtensionIdentity;
  /** Reports unexpected failures; receives no payload, so no secret can reach a log. */
  onInternalError?: (type: string, error: unknown) => void;
}

function refuse(code: 'bad-request' | 'unknown-type' | 'forbidden-sender', message: string): Answer<never> {
  return { ok: false, error: { code, message } };
}

export function createRouter(handlers: Handlers, options: RouterOptions) {
  return async function route(message: unknown, rawSender: RawSender): Promise<Answer<unknown>> {
    if (typeof message !== 'object' || message === null || Array.isArray(message)) {
      return refuse('bad-request', 'Refused a message that is not an object.');
    }
    const { type, payload, ...rest } = message as Record<string, unknown>;
    if (!isRequestType(type)) {
      // Only a string is quoted: String() of some objects throws (no prototype, a throwing toString).
      const named = typeof type === 'string' ? JSON.stringify(type).slice(0, 80) : `(not a string but ${type === null ? 'null' : typeof type})`;
      return refuse('unknown-type', `Refused a message of unknown type ${named}.`);
    }
    if (Object.keys(rest).length > 0) {
      return refuse('bad-request', `Refused ${type}: unexpected field ${Object.keys(rest)[0]}.`);
    }

    const classified = classifySender(rawSender, options.self);
    if (!classified.ok) return refuse('forbidden-sender', `Refused ${type}: ${classified.reason}.`);
    const definition = protocol[type];
    if (!(definition.from as readonly string[]).includes(classified.sender.kind)) {
      return refuse('forbidden-sender', `Refused ${type}: not accepted from a ${classified.sender.kind} sender.`);
    }

    let parsed: unknown;
    try {
      parsed = definition.payload.parse(payload ?? {}, 'payload');
    } catch (error) {
      const detail = error instanceof ValidationError ? error.message : 'malformed payload';
      return refuse('bad-request', `Refused ${type}: ${detail}.`);
    }

    try {
      const handler = handlers[type] as Handler<RequestType>;
      const value = await handler(parsed as PayloadOf<RequestType>, classified.sender);
      return { ok: true, value };
    } catch (error) {
      if (error instanceof UserFacingError) return { ok: false, error: { code: error.code, message: error.message } };
      options.onInternalError?.(type, error);
      return { ok: false, error: { code: 'internal', message: `Latchkey could not complete ${type}.` } };
    }
  };
}
