/** The authenticated caller's tenant, attached to the request by the global guard. */
export interface TenantRef {
  id: number;
  /** The API key used; 0 when the caller is a signed-in console user. */
  apiKeyId: number;
  /** The console user, when the caller signed in (session cookie). */
  userId?: number;
}
