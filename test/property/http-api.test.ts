import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CustomerInput, EntityId } from '../../core/customer/customer.ts';
import { InteractionInput } from '../../core/interaction/interaction.ts';
import type { LocalRuntime } from '../../local/runtime.ts';
import { anaInput, visitInput } from '../support/builders.ts';
import { startTestRuntime } from '../support/runtime.ts';
import { tableSnapshot } from '../support/services.ts';
import { badCustomerBody, badInteractionBody } from './bad-bodies.ts';
import { badPathSegment, nonJsonContentType } from './bad-requests.ts';
import { aGoodCustomer, aGoodInteraction } from './good-bodies.ts';

/**
 * Generated bad bodies, paths and headers against the HTTP API of the local runtime: never a 5xx,
 * never a change to the table. Generated good bodies round-trip. The number of cases is printed.
 */
const RUNS = Number(process.env.PROPERTY_RUNS ?? 100);
let cases = 0;
let runtime: LocalRuntime;

beforeAll(async () => {
  runtime = await startTestRuntime(new Date('2026-11-23T20:00:00Z'));
  expect((await send('POST', '/customers', anaInput())).status).toBe(201);
  await runtime.settle();
});

afterAll(async () => {
  await runtime?.stop();
  console.log(`property-based HTTP suite: ${cases} generated cases`);
});

async function send(
  method: string,
  path: string,
  body?: unknown,
  contentType = 'application/json',
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${runtime.apiUrl}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': contentType },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new Error(`${method} ${path} answered ${response.status} with a non-JSON body: ${text}`);
  }
  return { status: response.status, body: parsed };
}

const snapshot = () => tableSnapshot(runtime.dynamoEndpoint, runtime.tableName);

/** Runs the request, then checks: a 4xx with a JSON error, and not one item written. */
async function expectRefusedWithoutWrites(request: () => ReturnType<typeof send>) {
  cases++;
  const before = await snapshot();
  const response = await request();
  await runtime.settle();
  expect(response.status, JSON.stringify(response.body)).toBeGreaterThanOrEqual(400);
  expect(response.status, JSON.stringify(response.body)).toBeLessThan(500);
  expect(typeof response.body.message).toBe('string');
  expect(await snapshot()).toBe(before);
}

// Hundreds of HTTP round trips per property: allow minutes on a loaded 2-core machine.
describe('generated bad input over HTTP', { timeout: 180_000 }, () => {
  it('refuses bad customer bodies with a 4xx and writes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(badCustomerBody(anaInput()), async ({ body, random }) => {
        // Only fully random JSON is filtered through the schema; constructed mutations are bad.
        if (random) fc.pre(!CustomerInput.safeParse(body).success);
        await expectRefusedWithoutWrites(() => send('POST', '/customers', body));
      }),
      { numRuns: RUNS },
    );
  });

  it('refuses bad interaction bodies with a 4xx and writes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(badInteractionBody(visitInput()), async ({ body, random }) => {
        if (random) fc.pre(!InteractionInput.safeParse(body).success);
        await expectRefusedWithoutWrites(() => send('POST', '/interactions', body));
      }),
      { numRuns: RUNS },
    );
  });

  it('refuses bad ids in paths with a 4xx and writes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(
        badPathSegment(),
        fc.constantFrom('GET', 'PUT', 'CONSENT', 'EXTERNAL'),
        async ({ encoded, decoded }, route) => {
          fc.pre(decoded === undefined || !EntityId.safeParse(decoded).success);
          await expectRefusedWithoutWrites(() => {
            switch (route) {
              case 'GET':
                return send('GET', `/customers/${encoded}`);
              case 'PUT':
                return send('PUT', `/customers/${encoded}`, { name: { given: 'X' } });
              case 'CONSENT':
                return send('PUT', `/customers/${encoded}/consent/email`, {
                  status: 'denied',
                  source: 'property-test',
                });
              default:
                return send('GET', `/customers/by-external-id/pos/${encoded}%20`);
            }
          });
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('refuses bodies that are not JSON, or not declared as JSON, and writes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.record({ body: fc.string(), contentType: fc.constant('application/json') }),
          fc.record({
            body: fc.constant(JSON.stringify(anaInput())),
            contentType: nonJsonContentType(),
          }),
        ),
        fc.constantFrom('/customers', '/interactions'),
        async ({ body, contentType }, path) => {
          fc.pre(!isJson(body) || contentType !== 'application/json');
          await expectRefusedWithoutWrites(() => send('POST', path, body, contentType));
        },
      ),
      { numRuns: RUNS },
    );
  });
});

describe('generated good input over HTTP', { timeout: 180_000 }, () => {
  it('round-trips customers: what is read back is what was sent, normalised', async () => {
    await fc.assert(
      fc.asyncProperty(aGoodCustomer(), async (body) => {
        cases++;
        const { consent, ...profile } = CustomerInput.parse(body);
        const created = await send('POST', '/customers', body);
        expect(created.status, JSON.stringify(created.body)).toBe(201);
        const read = await send('GET', `/customers/${encodeURIComponent(String(body.id))}`);
        expect(read.status).toBe(200);
        expect(read.body.customer).toEqual({
          ...profile,
          consent: Object.fromEntries(
            Object.entries(consent).map(([channel, decision]) => [
              channel,
              { ...decision, by: 'arn:aws:iam::000000000000:user/local' },
            ]),
          ),
          reachability: {},
          holds: { openCases: [] },
          createdAt: created.body.createdAt,
          updatedAt: created.body.updatedAt,
        });
      }),
      { numRuns: RUNS },
    );
  });

  it('round-trips interactions, and a replay answers 200 with the same body', async () => {
    await fc.assert(
      fc.asyncProperty(aGoodInteraction(), async (body) => {
        cases++;
        const expected = InteractionInput.parse(body);
        const first = await send('POST', '/interactions', body);
        const replay = await send('POST', '/interactions', body);
        expect(first.status, JSON.stringify(first.body)).toBe(201);
        expect(replay.status).toBe(200);
        expect(replay.body).toEqual(first.body);
        expect(first.body).toMatchObject({
          id: expected.id,
          occurredAt: expected.occurredAt,
          metadata: expected.metadata,
        });
      }),
      { numRuns: RUNS },
    );
    await runtime.settle();
  });
});

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
