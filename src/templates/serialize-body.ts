import { TemplateError } from './render-template';

/** The body as sent (compact JSON), or a TemplateError naming `path` when it is over `maxBytes`. */
export function serializeBody(body: unknown, maxBytes: number, path: string): string {
  const json = JSON.stringify(body);
  // UTF-8 takes at most 3 bytes per UTF-16 unit: most bodies skip the exact count.
  if (json.length * 3 > maxBytes) {
    const bytes = Buffer.byteLength(json);
    if (bytes > maxBytes) {
      throw new TemplateError(path, `renders to ${bytes} bytes, over the ${maxBytes}-byte limit of a message body`, 'body_too_large', { bytes, max: maxBytes });
    }
  }
  return json;
}
