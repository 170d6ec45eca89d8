import { healthFailure } from './health-failure';
import { errorBody } from '../common/http-exception.filter';

describe('healthFailure', () => {
  it("names the component that is down, with each one's status in params", () => {
    const body = errorBody(
      healthFailure({
        status: 'error',
        details: { database: { status: 'down', message: 'timeout after 1000 ms' }, redis: { status: 'up' } },
      }),
    );
    expect(body).toEqual({
      statusCode: 503,
      error: 'Service Unavailable',
      code: 'database_unavailable',
      message: 'Health check failed: database is down (timeout after 1000 ms)',
      params: { database: 'down', redis: 'up' },
    });
  });

  it('says redis_unavailable for Redis alone, unavailable for both', () => {
    expect(errorBody(healthFailure({ status: 'error', details: { database: { status: 'up' }, redis: { status: 'down' } } })).code).toBe('redis_unavailable');
    expect(errorBody(healthFailure({ status: 'error', details: { database: { status: 'down' }, redis: { status: 'down' } } })).code).toBe('unavailable');
  });

  it('answers a shutdown as unavailable', () => {
    expect(errorBody(healthFailure({ status: 'shutting_down', details: {} }))).toMatchObject({ code: 'unavailable', message: 'Shutting down', params: {} });
  });
});
