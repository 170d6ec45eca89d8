/** 中文 for the success rule (成功判定) and error classes; merged into zh.ts. en-success.ts has every key. */
export const zhSuccess = {
  'successRule.title': '成功判定',
  'successRule.hint': '企业微信、钉钉、飞书机器人和 DMS 出错时也回 HTTP 200，只在响应内容里说明失败：按响应内容判定，才不会把失败算成发送成功。',
  'successRule.byStatus': '仅按 HTTP 状态码（2xx 即成功）',
  'successRule.byBody': '按响应内容判定',
  'successRule.status': 'HTTP 状态码',
  'successRule.body': '响应 JSON 字段',
  'successRule.preset.errcode': '企业微信 / 钉钉：errcode = 0',
  'successRule.preset.code': '飞书：code = 0',
  'successRule.preset.success': 'DMS：success = true',
  'successRule.retry': '被接收方拒绝时重试',
  'successRule.retryHint': '例如机器人限流（errcode 45009）时稍后再试；默认不重试，直接记为失败。',

  'errorClass.timeout': '超时',
  'errorClass.refused': '连接被拒绝',
  'errorClass.reset': '连接被重置',
  'errorClass.dns': '域名解析失败',
  'errorClass.tls': 'TLS 错误',
  'errorClass.blocked': '目标地址被拦截',
  'errorClass.network': '网络错误',
  'errorClass.template': '模板渲染失败',
  'errorClass.rejected': '接收方拒绝',
};
