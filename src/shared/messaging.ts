// The one way extension code talks to the background.
import { pageRuntime } from './page-runtime';
import type { Answer, AnswerOf, ErrorCode, PayloadOf, RequestType } from './protocol';

export class RequestFailed extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'RequestFailed';
  }
}

export async function sendRequest<T extends RequestType>(type: T, payload: PayloadOf<T>): Promise<AnswerOf<T>> {
  const answer = (await pageRuntime.sendMessage({ type, payload })) as Answer<AnswerOf<T>> | undefined;
  if (!answer || typeof answer !== 'object') {
    throw new RequestFailed('internal', 'Latchkey’s background did not answer. Try again.');
  }
  if (!answer.ok) throw new RequestFailed(answer.error.code, answer.error.message);
  return answer.value;
}
