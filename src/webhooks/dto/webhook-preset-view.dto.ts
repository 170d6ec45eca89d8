import { ApiProperty } from '@nestjs/swagger';
import { SEGMENT_RULE_SCHEMA } from '../../groups/dto/segment-rule.dto';
import type { Rule } from '../../groups/segment-rule';
import { PageOf } from '../../openapi/page.dto';
import type { SignatureScheme } from '../../signing/sign';

/** A text in the console's two languages. */
export class LocalizedTextView {
  zh!: string;
  en!: string;
}

export class PresetMessageTypeView {
  /** The robot's own name for it (`text`, `markdown`, `news`, `actionCard`, `post`, `interactive`). */
  id!: string;
  name!: LocalizedTextView;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'The body template, as `bodyTemplate` of a webhook takes it (JSON; string values may be Liquid with customer fields).',
  })
  bodyTemplate!: Record<string, unknown>;
}

/**
 * A chat robot preset: what creating a webhook for it fills in. Create the webhook with these values
 * (a `POST /api/webhooks` like any other), the robot's own URL and, for a signing robot, its secret.
 */
export class WebhookPresetView {
  /** `wecom`, `dingtalk`, `feishu`. */
  id!: string;
  name!: LocalizedTextView;
  description!: LocalizedTextView;
  /** What the robot's address looks like; `…` stands for the robot's own part (its key or token). */
  urlExample!: string;
  /** A JavaScript regular expression the robot's addresses match. */
  urlPattern!: string;
  /** `none` for WeCom (the key in the URL is the credential); `dingtalk` and `feishu` sign each attempt with the robot's 加签 secret. */
  signatureScheme!: SignatureScheme;
  @ApiProperty({ ...SEGMENT_RULE_SCHEMA, description: 'The success rule: the robot answers HTTP 200 and says no in its body.' })
  successRule!: Rule;
  /** The robot's published limit, per minute. */
  rateLimitPerMinute!: number;
  /** The message types it takes, the default first. */
  messageTypes!: PresetMessageTypeView[];
}

/** Every preset, on one page (nextCursor is always null). */
export class WebhookPresetPage extends PageOf(WebhookPresetView) {}
