import { CompiledTemplate, compileTemplate } from '../templates/render-template';

const MAX_ENTRIES = 1000;

/** Compiled templates by webhook id and version (updatedAt), so a mass send parses once. */
export class TemplateCache {
  private readonly entries = new Map<string, CompiledTemplate | null>();

  get(webhook: { id: number; updatedAt: Date; bodyTemplate: unknown }): CompiledTemplate | null {
    const key = `${webhook.id}:${webhook.updatedAt.getTime()}`;
    let compiled = this.entries.get(key);
    if (compiled === undefined) {
      compiled = webhook.bodyTemplate == null ? null : compileTemplate(webhook.bodyTemplate);
      if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
      this.entries.set(key, compiled);
    }
    return compiled;
  }
}
