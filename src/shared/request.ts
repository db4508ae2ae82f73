// Declares one request of the protocol: who may send it, the schema its payload
// must match, and (as a type only) what it answers.
import type { Schema } from './validate';

/** Who is talking to the background, decided from the sender, never from the message. */
export type SenderKind = 'popup' | 'inline-ui' | 'content';

export function request<P, A>(from: readonly SenderKind[], payload: Schema<P>) {
  return { from, payload, answer: undefined as unknown as A };
}
