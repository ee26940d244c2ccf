/** A request to the Rapport API that did not answer 2xx, with what it said. */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    message: string,
    readonly status: number,
    readonly body: unknown,
  ) {
    super(message);
  }
}

/**
 * JSON over HTTP to the Rapport API (the local runtime by default). Errors name the URL and say
 * what to do: a refused connection most often means `npm start` is not running.
 */
export async function callApi<T>(
  base: string,
  method: 'GET' | 'PUT' | 'POST',
  path: string,
  body?: unknown,
): Promise<T> {
  const url = `${base}${path}`;
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      ...(body === undefined
        ? {}
        : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? String(error);
    throw new ApiError(
      `cannot reach ${url} (${cause}); is Rapport running? Start it with \`npm start\`, or pass --api <url>`,
      0,
      undefined,
    );
  }
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : {};
  } catch {
    // not JSON: keep the text
  }
  if (!response.ok) {
    const message =
      parsed && typeof parsed === 'object' && 'message' in parsed
        ? String((parsed as { message: unknown }).message)
        : text.slice(0, 200);
    throw new ApiError(
      `${method} ${path} answered ${response.status}: ${message}`,
      response.status,
      parsed,
    );
  }
  return parsed as T;
}
