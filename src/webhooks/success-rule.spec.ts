import { judgeAnswer, receiverMessage, responseFieldKind, successRuleProblems } from './success-rule';

const ok200 = (body: unknown, headers: Record<string, string> = {}) => ({ status: 200, headers, body: typeof body === 'string' ? body : JSON.stringify(body) });

describe('success rule', () => {
  it('reads the status, a header and the parsed body', () => {
    expect(responseFieldKind('response.status')).toBe('number');
    expect(responseFieldKind('response.headers.X-Result')).toBe('string');
    expect(responseFieldKind('response.body.errcode')).toBe('attribute');
    expect(responseFieldKind('response.body.data.items.0.ok')).toBe('attribute');
    for (const bad of ['response.body', 'response', 'status', 'customer.name', 'response.body.a b', 42, null]) expect(responseFieldKind(bad)).toBeUndefined();
  });

  it('checks a rule from the API at successRule paths, null meaning the status alone', () => {
    expect(successRuleProblems(null)).toEqual([]);
    expect(successRuleProblems({ field: 'response.body.success', op: '=', value: true })).toEqual([]);
    expect(successRuleProblems({ field: 'customer.name', op: '=', value: 'x' })).toEqual([
      expect.objectContaining({ path: 'successRule.field', code: 'rule_unknown_field' }),
    ]);
    expect(successRuleProblems({ and: [{ field: 'response.status', op: 'contains', value: '2' }] })).toEqual([
      expect.objectContaining({ path: 'successRule.and[0].op', code: 'rule_operator' }),
    ]);
  });

  it('DMS: success false is a rejection with the receiver`s root message', () => {
    const rule = { field: 'response.body.success', op: '=' as const, value: true };
    expect(judgeAnswer(rule, ok200({ root: 'ok', success: true }))).toEqual({ accepted: true });
    expect(judgeAnswer(rule, ok200({ root: 'error message', success: false }))).toEqual({ accepted: false, reason: 'error message' });
  });

  it('WeCom / DingTalk errcode and Feishu code, with the code beside the message', () => {
    const wecom = { field: 'response.body.errcode', op: '=' as const, value: 0 };
    expect(judgeAnswer(wecom, ok200({ errcode: 0, errmsg: 'ok' }))).toEqual({ accepted: true });
    expect(judgeAnswer(wecom, ok200({ errcode: 93000, errmsg: 'invalid webhook url' }))).toEqual({
      accepted: false,
      reason: '93000: invalid webhook url',
    });
    const feishu = { field: 'response.body.code', op: '=' as const, value: 0 };
    expect(judgeAnswer(feishu, ok200({ code: 19021, msg: 'sign match fail or timestamp is not within one hour from current time' }))).toMatchObject({
      accepted: false,
      reason: expect.stringContaining('19021: sign match fail'),
    });
  });

  it('a body that is not JSON, or a missing field, fails the rule; headers match without regard to case', () => {
    const rule = { field: 'response.body.errcode', op: '=' as const, value: 0 };
    expect(judgeAnswer(rule, ok200('<html>busy</html>'))).toEqual({ accepted: false, reason: 'the answer is not JSON' });
    expect(judgeAnswer(rule, ok200({}))).toEqual({ accepted: false, reason: 'the answer does not meet the success rule' });
    const header = { field: 'response.headers.X-Result', op: '=' as const, value: 'OK' };
    expect(judgeAnswer(header, ok200('', { 'x-result': 'ok' }))).toEqual({ accepted: true });
    expect(judgeAnswer({ field: 'response.status', op: '=', value: 202 }, { status: 200, headers: {} })).toMatchObject({ accepted: false });
  });

  it('finds the receiver`s words under the usual keys', () => {
    expect(receiverMessage({ error: { message: 'quota exceeded' } })).toBe('quota exceeded');
    expect(receiverMessage({ message: ' nope ' })).toBe('nope');
    expect(receiverMessage([1])).toBeUndefined();
    expect(receiverMessage('text')).toBeUndefined();
  });
});
