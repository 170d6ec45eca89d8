/** The robot presets, in the order the console offers them. A fourth robot is one file and one line here. */
import { DINGTALK_PRESET } from './dingtalk';
import { FEISHU_PRESET } from './feishu';
import type { WebhookPreset } from './webhook-preset';
import { WECOM_PRESET } from './wecom';

export const WEBHOOK_PRESETS: readonly WebhookPreset[] = [WECOM_PRESET, DINGTALK_PRESET, FEISHU_PRESET];
export type { WebhookPreset } from './webhook-preset';
