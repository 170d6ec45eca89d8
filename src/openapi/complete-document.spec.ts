import { completeDocument, errorStatuses } from './complete-document';

const op = (extra: Record<string, unknown> = {}) => ({ responses: { 200: { description: '' } }, ...extra });

describe('completeDocument', () => {
  it('infers the error answers an operation can give from what it takes', () => {
    expect(errorStatuses('/health', 'get', op())).toEqual([503]);
    expect(errorStatuses('/api/x/{id}', 'get', op({ security: [{ bearer: [] }], parameters: [{ in: 'path', name: 'id' }] }))).toEqual([400, 401, 404, 503]);
    expect(errorStatuses('/api/x', 'post', op({ security: [{ bearer: [] }], requestBody: {} }))).toEqual([400, 401, 413, 415, 503]);
  });

  it('keeps an error status the operation declares itself', () => {
    const declared = { 404: { description: 'No such form key' } };
    expect(errorStatuses('/f/{key}', 'get', op({ parameters: [{ in: 'path', name: 'key' }], responses: declared }))).toEqual([400, 503]);
  });

  it('sets security, shared error responses and descriptions', () => {
    const doc = completeDocument({
      paths: {
        '/api/x': {
          get: op({ security: [{ bearer: [] }] }),
          post: op({ security: [{ admin: [] }], requestBody: {}, responses: { 201: { description: '' }, 409: { description: 'Taken' } } }),
        },
        '/health': { get: op() },
      },
      components: { schemas: {} },
    });
    expect(doc.servers).toEqual([{ url: '/', description: 'This deployment' }]);
    expect(doc.paths['/api/x'].get.security).toEqual([{ bearer: [] }, { session: [] }]);
    expect(doc.paths['/api/x'].post.security).toEqual([{ admin: [] }]);
    expect(doc.paths['/health'].get.security).toEqual([]);
    expect(doc.paths['/api/x'].get.responses[401]).toEqual({ $ref: '#/components/responses/Unauthorized' });
    expect(doc.paths['/api/x'].get.responses[200].description).toBe('OK');
    expect(doc.paths['/api/x'].post.responses[409].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/ErrorResponseDto' });
    // Only the shared responses some operation uses are listed.
    expect(Object.keys(doc.components.responses).sort()).toEqual([
      'BadRequest',
      'PayloadTooLarge',
      'ServiceUnavailable',
      'Unauthorized',
      'UnsupportedMediaType',
    ]);
    expect(doc.components.securitySchemes.bearer).toMatchObject({ scheme: 'bearer', bearerFormat: 'API key' });
  });
});
