/**
 * The checker every e2e answer goes through (support/contract.ts) must be able to fail: an undocumented
 * status, a body that breaks its schema and a JSON body with no schema are each reported; what the
 * document describes passes. Also: the served document is the committed one.
 */
import { apiDocument, contractProblem, documentedPath } from './support/contract';
import { createTestApp, TestApp } from './support/test-app';

const ERROR = { statusCode: 404, error: 'Not Found', code: 'webhook_not_found', message: 'Webhook 4 not found', params: { id: 4 } };

describe('the contract checker', () => {
  it("maps request paths onto the document's templates", () => {
    expect(documentedPath('/api/webhooks/12')).toBe('/api/webhooks/{id}');
    expect(documentedPath('/api/webhooks/12/rotate-secret')).toBe('/api/webhooks/{id}/rotate-secret');
    expect(documentedPath('/metrics')).toBeUndefined();
  });

  it('passes a documented answer and reports each kind of drift', () => {
    expect(contractProblem('GET', '/api/webhooks/4', 404, 'application/json', ERROR)).toBeUndefined();
    expect(contractProblem('GET', '/api/webhooks/4', 418, 'application/json', ERROR)).toMatch(/418: status not documented/);
    expect(contractProblem('GET', '/api/webhooks/4', 404, 'application/json', { ...ERROR, code: 'no_such_code' })).toMatch(
      /body\/code must be equal to one of the allowed values/,
    );
    expect(contractProblem('GET', '/api/webhooks/4', 200, 'application/json', { id: 'four' })).toMatch(/→ 200: body must have required property/);
    // Routes outside the document are not the contract.
    expect(contractProblem('POST', '/hooks/abc', 418, 'application/json', {})).toBeUndefined();
  });

  it('the api serves the committed document', async () => {
    const t: TestApp = await createTestApp();
    try {
      const served = (await t.http().get('/api/docs/openapi.json').expect(200)).body;
      expect(served).toEqual(apiDocument);
    } finally {
      await t.close();
    }
  });
});
