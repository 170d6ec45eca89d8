/** A webhook's vocabulary, for the modules that send to webhooks (they never import the entity). */
export const HTTP_METHODS = ['POST', 'PUT', 'PATCH', 'GET', 'DELETE'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];
/** `event`: called on the fixed events it subscribes to; `manual`: by sends, journeys and forms. */
export const TRIGGER_TYPES = ['event', 'manual'] as const;
export type TriggerType = (typeof TRIGGER_TYPES)[number];
