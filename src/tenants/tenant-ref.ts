/** The authenticated caller's tenant, attached to the request by the API key guard. */
export interface TenantRef {
  id: number;
  apiKeyId: number;
}
