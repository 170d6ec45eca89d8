import { LOG_MASK, loggedHeaders } from './logged-headers';

describe('loggedHeaders', () => {
  it('keeps harmless headers, masks every other value and keeps its name', () => {
    expect(
      loggedHeaders({
        host: 'api.example.com',
        'user-agent': 'curl/8',
        'content-type': 'application/json',
        'x-forwarded-for': '10.0.0.1',
        'webhook-id': 'msg_1',
        'sec-fetch-mode': 'cors',
        authorization: 'Bearer hk_x',
        cookie: 'herald_session=abc',
        'x-herald-token': 'tok',
        'x-shared': 'a-tenant-named-token-header',
        'x-hub-signature-256': 'sha256=00',
        'webhook-signature': 'v1,xx',
        'X-Api-Key': 'k',
      }),
    ).toEqual({
      host: 'api.example.com',
      'user-agent': 'curl/8',
      'content-type': 'application/json',
      'x-forwarded-for': '10.0.0.1',
      'webhook-id': 'msg_1',
      'sec-fetch-mode': 'cors',
      authorization: LOG_MASK,
      cookie: LOG_MASK,
      'x-herald-token': LOG_MASK,
      'x-shared': LOG_MASK,
      'x-hub-signature-256': LOG_MASK,
      'webhook-signature': LOG_MASK,
      'X-Api-Key': LOG_MASK,
    });
    expect(loggedHeaders(undefined)).toEqual({});
  });
});
