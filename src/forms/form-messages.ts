/**
 * What a submission's problems say: in Chinese on the micro-page (the people filling it in are the
 * tenant's customers), in English for JSON callers (the API's language, and the customer API's
 * exact wording for mobile and email). Pure.
 */
import type { ValueProblem } from './submission-values';

export function problemText(problem: ValueProblem, field: string): string {
  switch (problem.code) {
    case 'required':
      return `${field} is required`;
    case 'text':
      return `${field} must be text`;
    case 'tooLong':
      return `${field} must be at most ${problem.max} characters`;
    case 'email':
      return `${field} must be an email address`;
    case 'mobile':
      return `${field} must be 5 to 20 digits, optionally starting with +`;
    case 'number':
      return `${field} must be a number`;
    case 'option':
      return `${field} must be one of: ${problem.values.join(', ')}`;
    case 'boolean':
      return `${field} must be true or false`;
    case 'unknown':
      return `${field} is not a field of this form`;
  }
}

export function problemTextZh(problem: ValueProblem): string {
  switch (problem.code) {
    case 'required':
      return '此项为必填项';
    case 'text':
      return '请填写文字';
    case 'tooLong':
      return `最多 ${problem.max} 个字符`;
    case 'email':
      return '请输入有效的邮箱地址';
    case 'mobile':
      return '请输入有效的手机号码(5 到 20 位数字,可以 + 开头)';
    case 'number':
      return '请输入数字';
    case 'option':
      return '请从给出的选项中选择';
    case 'boolean':
      return '请勾选或不勾选';
    case 'unknown':
      return '表单中没有这一项';
  }
}

/** The page's fixed texts. */
export const PAGE_TEXT = {
  submit: '提交',
  choose: '请选择',
  required: '必填',
  fixErrors: '提交未成功,请按提示修改后重新提交。',
  thanks: '提交成功,感谢您的参与!',
  notFoundTitle: '页面不存在',
  notFound: '这个表单不存在或链接已失效。',
  goneTitle: '表单已关闭',
  gone: '这个表单已停止收集。',
  tooManyTitle: '提交过于频繁',
  tooMany: '提交过于频繁,请稍后再试。',
};
