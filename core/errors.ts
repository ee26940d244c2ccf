/**
 * Named errors of the domain. Adapters translate them to HTTP or Lambda outcomes in one place
 * (functions/shared/http-errors.ts), so the core never knows about status codes.
 */
export class RapportError extends Error {
  override name = 'RapportError';
}

export class NotFoundError extends RapportError {
  override name = 'NotFoundError';
  constructor(
    readonly entity: string,
    readonly key: string,
    readonly hint?: string,
  ) {
    super(`${entity} '${key}' was not found${hint ? `: ${hint}` : ''}`);
  }
}

export class ConflictError extends RapportError {
  override name = 'ConflictError';
}

/** Input that parsed but breaks a domain rule (the zod issues are carried for the 400 body). */
export class InvalidInputError extends RapportError {
  override name = 'InvalidInputError';
  constructor(
    message: string,
    readonly issues: readonly unknown[] = [],
  ) {
    super(message);
  }
}

/** A catalog file (automation or template) is wrong; raised at load time, never at send time. */
export class CatalogError extends RapportError {
  override name = 'CatalogError';
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
  }
}

/** A send that the provider refused for good (bad address, rejected content): retrying cannot help. */
export class PermanentDeliveryError extends RapportError {
  override name = 'PermanentDeliveryError';
}

/**
 * The address told the provider to stop (an SMS STOP reply): no message on this channel reaches it
 * until the customer opts in again, so it is recorded as the customer withdrawing consent.
 */
export class OptedOutError extends PermanentDeliveryError {
  override name = 'OptedOutError';
}

/** The provider asked us to slow down: retry later, without spending the action's attempt budget. */
export class ThrottledError extends RapportError {
  override name = 'ThrottledError';
}

/** Another invocation holds the action (a live claim): try again later; this is not a success. */
export class InProgressError extends RapportError {
  override name = 'InProgressError';
}
