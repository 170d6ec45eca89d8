/** What a robot preset is: data the console fills the new-webhook form from. Pure, no Nest imports. */
import type { Rule } from '../../groups/segment-rule';
import type { SignatureScheme } from '../../signing/sign';

export interface Localized {
  zh: string;
  en: string;
}

/** One kind of message the robot takes (text, markdown, a card…), with its body template. */
export interface PresetMessageType {
  id: string;
  name: Localized;
  /** In the product's template language: JSON whose string leaves may be Liquid (`{{ customer.name }}`). */
  bodyTemplate: Record<string, unknown>;
}

export interface WebhookPreset {
  /** Stable: `wecom`, `dingtalk`, `feishu`. */
  id: string;
  name: Localized;
  description: Localized;
  /** What the robot's address looks like, `…` where the robot's own part goes (the group's settings show it). */
  urlExample: string;
  /** A regular expression (JavaScript source) a robot's address matches; the console warns on one that does not. */
  urlPattern: string;
  signatureScheme: SignatureScheme;
  /** The robot answers HTTP 200 with its own error code; this rule reads it. */
  successRule: Rule;
  /** The robot's published limit, as the webhook's rate limit. */
  rateLimitPerMinute: number;
  /** The first is the default. */
  messageTypes: PresetMessageType[];
}
