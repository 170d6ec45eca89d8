import { lineAt, problemLine, valueLines } from './template-lines';

const TEXT = `{
  "msgtype": "text",
  "text": {
    "content": "{{ customer.nme }}"
  },
  "at": [
    "a",
    { "b": "{{ x }}" }
  ]
}`;

describe('template lines', () => {
  it('finds the line of each value by its path', () => {
    const lines = valueLines(TEXT);
    expect(lines.get('bodyTemplate')).toBe(1);
    expect(lines.get('bodyTemplate.msgtype')).toBe(2);
    expect(lines.get('bodyTemplate.text.content')).toBe(4);
    expect(lines.get('bodyTemplate.at[0]')).toBe(7);
    expect(lines.get('bodyTemplate.at[1].b')).toBe(8);
  });

  it('reads escaped quotes in keys and strings', () => {
    expect(valueLines('{"a\\"b": "x\\"",\n"c": 1}').get('bodyTemplate.c')).toBe(2);
  });

  it("points a syntax error at its position's line", () => {
    const text = '{\n "a": 1,\n}';
    let message = '';
    try {
      JSON.parse(text);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(problemLine(text, 'bodyTemplate', message)).toBe(lineAt(text, text.indexOf('}')));
  });

  it('answers undefined for the whole template or an unknown path', () => {
    expect(problemLine(TEXT, 'bodyTemplate', 'must be a JSON object')).toBeUndefined();
    expect(problemLine(TEXT, 'bodyTemplate.nope', 'x')).toBeUndefined();
  });
});
