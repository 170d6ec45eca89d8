/**
 * Every `code` an error answer can carry, and every `code` of a field problem, with what each
 * means. The document lists them as enums (so a client's types know them all), docs/error-codes.md
 * is generated from here, and the console words each one in Chinese and English.
 * A module adds its codes to its section here; `apiError`, `notFound`, `conflict` and `fieldError` take only these.
 */
export const ERROR_CODES = {
  // Any operation
  bad_request: 'The request is malformed',
  validation_failed: 'Fields break rules: `problems` names each (path, code, params)',
  invalid_json: 'The body is not valid JSON',
  unsupported_encoding: 'The body\'s charset or content encoding is not supported',
  unsupported_media_type: 'The body is of a content type this operation cannot read; nothing was written',
  payload_too_large: 'The body is over the limit (`params.limit` bytes)',
  unauthorized: 'No valid API key or console session',
  forbidden: 'Not allowed with these credentials',
  admin_token_unset: 'ADMIN_TOKEN is not configured on this deployment',
  not_found: 'No such resource',
  method_not_allowed: 'The method is not allowed here',
  conflict: 'The resource is in a state that does not allow this',
  duplicate: 'A record with the same unique value already exists',
  gone: 'The resource no longer accepts this',
  rate_limited: 'Too many requests: wait `Retry-After` seconds',
  internal_error: 'An unexpected error; it is logged',
  bad_gateway: 'An upstream answer could not be given',
  unavailable: 'A backend is not reachable right now',
  database_unavailable: 'The database is not reachable right now: retry shortly',
  redis_unavailable: 'Redis is not reachable right now: retry shortly',
  // webhooks
  webhook_not_found: 'No webhook with this id (`params.id`)',
  // forms (public micro-page)
  form_not_found: 'No form with this key',
  form_disabled: 'The form no longer accepts submissions',
  // inbound hooks
  run_failed: 'The journey run the hook started failed (sync mode)',
  response_template_failed: 'The hook\'s response template could not be rendered',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export const FIELD_CODES = {
  // class-validator's rules, by name (`@MaxLength(100)` → max_length, params {max: 100})
  unknown_field: 'Not a field of this operation',
  unknown_value: 'Not an object of a known shape',
  nested_validation: 'Must be an object (or an array of them)',
  is_defined: 'Required',
  is_not_empty: 'Must not be empty',
  is_string: 'Must be a string',
  is_int: 'Must be an integer',
  is_number: 'Must be a number',
  is_boolean: 'Must be true or false',
  is_object: 'Must be a JSON object',
  is_array: 'Must be an array',
  is_in: 'Must be one of `params.values`',
  is_enum: 'Must be one of `params.values`',
  is_email: 'Must be an email address',
  is_url: 'Must be a URL',
  is_uuid: 'Must be a UUID',
  is_date_string: 'Must be an ISO-8601 date-time',
  is_length: 'Length must be between `params.min` and `params.max`',
  matches: 'Has the wrong format',
  max_length: 'At most `params.max` characters',
  min_length: 'At least `params.min` characters',
  max: 'At most `params.max`',
  min: 'At least `params.min`',
  array_max_size: 'At most `params.max` items',
  array_min_size: 'At least `params.min` items',
  array_unique: 'Items must be unique',
  max_bytes72: 'At most 72 bytes (UTF-8)',
  // Herald's own rules
  invalid: 'Breaks a rule: the message says which',
  required: 'Required',
  too_large: 'Too large (`params.max` bytes)',
  is_mobile: 'Must be a mobile number',
  credentials_twice: 'The URL has credentials and basicAuth is given too: use one',
} as const;

export type FieldCode = keyof typeof FIELD_CODES;
