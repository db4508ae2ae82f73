import type { ErrorCode } from './protocol';

/** An error whose message is written for the person using Latchkey and is safe to show. */
export class UserFacingError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'UserFacingError';
  }
}
