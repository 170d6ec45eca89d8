import type { zhSuccess } from './zh-success';

/** English for the success rule and error classes; merged into en.ts. */
export const enSuccess: Record<keyof typeof zhSuccess, string> = {
  'successRule.title': 'Success rule',
  'successRule.hint':
    'WeCom, DingTalk and Feishu robots and DMS answer HTTP 200 even when they fail, and say so in the body: judge by the body so a failure is not counted as sent.',
  'successRule.byStatus': 'HTTP status only (2xx is success)',
  'successRule.byBody': 'Judge by the response body',
  'successRule.status': 'HTTP status',
  'successRule.body': 'Response JSON field',
  'successRule.preset.errcode': 'WeCom / DingTalk: errcode = 0',
  'successRule.preset.code': 'Feishu: code = 0',
  'successRule.preset.success': 'DMS: success = true',
  'successRule.retry': 'Retry when the receiver refuses',
  'successRule.retryHint': 'E.g. a robot over its rate limit (errcode 45009) is tried again later; by default a refusal fails at once.',

  'errorClass.timeout': 'Timed out',
  'errorClass.refused': 'Connection refused',
  'errorClass.reset': 'Connection reset',
  'errorClass.dns': 'DNS lookup failed',
  'errorClass.tls': 'TLS error',
  'errorClass.blocked': 'Target blocked',
  'errorClass.network': 'Network error',
  'errorClass.template': 'Template failed',
  'errorClass.rejected': 'Refused by the receiver',
};
