/**
 * Every AWS SDK client gets request timeouts: a hung connection fails in seconds and is retried,
 * instead of holding the invocation until the Lambda timeout.
 */
export const CLIENT_CONFIG = {
  maxAttempts: 4,
  requestHandler: { connectionTimeout: 2_000, requestTimeout: 5_000 },
} as const;

/** One client per function instance, created on first use (a function pays only for what it uses). */
export function once<T>(create: () => T): () => T {
  let instance: T | undefined;
  return () => {
    instance ??= create();
    return instance;
  };
}
