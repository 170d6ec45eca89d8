import { Injectable } from '@nestjs/common';
import { DataSource, IsNull } from 'typeorm';
import { isPlainObject } from '../common/plain-object';
import { SingleFlight } from '../common/single-flight';
import { FormRateLimiter } from './form-rate-limit.service';
import { acceptedReply, badBodyReply, FormReply, goneReply, invalidReply, notFoundReply, pageReply, tooManyReply, unsupportedReply } from './form-replies';
import { Form } from './form.entity';
import { SubmissionClient, SubmissionWriter } from './submission-writer.service';
import { HONEYPOT_FIELD, readSubmission } from './submission-values';

/** Keys are 24 url-safe characters; anything else cannot name a form (and costs no query). */
const KEY_PATTERN = /^[A-Za-z0-9_-]{20,64}$/;

export interface PublicPost {
  body: unknown;
  /** How the body came: the page's form encoding, JSON, nothing, or a type we do not read. */
  encoding: 'form' | 'json' | 'none' | 'other';
  /** Answer with HTML pages (a browser: form-encoded, or asking for text/html). */
  html: boolean;
  client: SubmissionClient;
}

/** The public side of forms: the micro-page and what happens when it is posted. */
@Injectable()
export class FormIntake {
  private readonly lookups = new SingleFlight<Form | null>();

  constructor(
    private readonly db: DataSource,
    private readonly limiter: FormRateLimiter,
    private readonly writer: SubmissionWriter,
  ) {}

  async page(key: string): Promise<FormReply> {
    const form = await this.byKey(key);
    if (!form) return notFoundReply(true);
    if (!form.enabled) return goneReply(true, form.title || form.name);
    return pageReply(form);
  }

  async submit(key: string, post: PublicPost): Promise<FormReply> {
    const { html } = post;
    const form = await this.byKey(key);
    if (!form) return notFoundReply(html);
    if (!form.enabled) return goneReply(html, form.title || form.name);
    const verdict = await this.limiter.hit(form.id, post.client.address ?? 'unknown');
    if (!verdict.allowed) return tooManyReply(html, form.title || form.name, verdict.retryAfterSeconds);
    if (post.encoding === 'other') return unsupportedReply();
    const body = post.body ?? {};
    if (!isPlainObject(body)) return badBodyReply('Request body must be a JSON object of field name → value');
    // A bot filled the input people never see: it gets what a person gets, and nothing is kept or sent.
    if (isFilled(body[HONEYPOT_FIELD])) return acceptedReply(html, form);
    const read = readSubmission(form.fields, body, { strict: post.encoding === 'json' });
    if (Object.keys(read.problems).length) return invalidReply(html, form, read.entered, read.problems);
    await this.writer.accept(form, read.values, post.client);
    return acceptedReply(html, form);
  }

  /** A live form by its current key (deleted forms and retired keys answer 404). A burst of posts to one form shares the lookup in flight. */
  private async byKey(key: string): Promise<Form | null> {
    if (!KEY_PATTERN.test(key)) return null;
    return this.lookups.run(key, () => this.db.getRepository(Form).findOneBy({ key, deletedAt: IsNull() }));
  }
}

function isFilled(value: unknown): boolean {
  if (value === undefined || value === null || value === false) return false;
  if (typeof value === 'string') return value.trim() !== '';
  return true;
}
