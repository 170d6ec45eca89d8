/**
 * The micro-page (微页面): server-rendered HTML that works without JavaScript and reads well on a
 * phone. Rendered by LiquidJS with every output escaped (`outputEscape: 'escape'`): labels, options,
 * placeholders and what people typed are the tenant's or the visitor's text and never markup. The
 * templates live here, not in .liquid files, so `nest build` needs no asset copy. Pure.
 */
import { Liquid } from 'liquidjs';
import { FormField, isMultiChoice, mapTarget, VALUE_MAX_LENGTH } from './form-fields';
import { PAGE_TEXT, problemTextZh } from './form-messages';
import { HONEYPOT_FIELD, ValueProblem } from './submission-values';

const engine = new Liquid({ outputEscape: 'escape', strictFilters: true, strictVariables: true, ownPropertyOnly: true });

// Inlined into the template source, not passed as a variable: escaping would turn its quotes into entities.
const STYLE = `*{box-sizing:border-box}
body{margin:0;background:#f5f6f8;color:#1f2329;font:16px/1.5 -apple-system,BlinkMacSystemFont,"PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC",sans-serif}
main{max-width:560px;margin:0 auto;padding:24px 16px 40px}
h1{font-size:22px;line-height:1.3;margin:0 0 8px}
.description,.message{white-space:pre-line;color:#4e5969;margin:0 0 20px}
.field{margin:0 0 18px}
.field>label,legend{display:block;font-weight:600;margin:0 0 6px;padding:0}
input[type=text],input[type=email],input[type=tel],input[type=number],select,textarea{display:block;width:100%;padding:10px 12px;font:inherit;color:inherit;border:1px solid #c9cdd4;border-radius:6px;background:#fff}
textarea{min-height:110px;resize:vertical}
fieldset{border:0;margin:0;padding:0;min-width:0}
.check{display:flex;gap:8px;align-items:flex-start;margin:0 0 6px}
.check input{flex:none;width:20px;height:20px;margin:2px 0 0}
.req{color:#d93026;margin-left:4px}
.error{color:#d93026;font-size:14px;margin:6px 0 0}
.invalid input,.invalid select,.invalid textarea{border-color:#d93026}
.summary{background:#fdecea;color:#a1261b;padding:10px 12px;border-radius:6px;margin:0 0 20px}
button{display:block;width:100%;padding:12px;font:inherit;font-weight:600;color:#fff;background:#1664ff;border:0;border-radius:6px;cursor:pointer}
.hp{position:absolute;left:-10000px;top:auto;width:1px;height:1px;overflow:hidden}`;

const LAYOUT_HEAD = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>{{ title }}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>{{ title }}</h1>
`;
const LAYOUT_FOOT = `
</main>
</body>
</html>
`;

const REQUIRED_MARK = `{% if f.required %}<span class="req" title="{{ text.required }}">*</span>{% endif %}`;
const INVALID = `{% if f.error %} aria-invalid="true" aria-describedby="{{ f.id }}-error"{% endif %}`;

const FORM_TEMPLATE = `${LAYOUT_HEAD}{% if description %}<p class="description">{{ description }}</p>
{% endif %}{% if hasErrors %}<p class="summary" role="alert">{{ text.fixErrors }}</p>
{% endif %}<form method="post" accept-charset="utf-8">
{% for f in fields %}<div class="field{% if f.error %} invalid{% endif %}">
{% case f.kind %}{% when 'yesno' %}<label class="check"><input type="checkbox" id="{{ f.id }}" name="{{ f.name }}" value="true"{% if f.checked %} checked{% endif %}{% if f.required %} required{% endif %}${INVALID}><span>{{ f.label }}${REQUIRED_MARK}</span></label>
{% when 'choices' %}<fieldset${INVALID}><legend>{{ f.label }}${REQUIRED_MARK}</legend>
{% for o in f.options %}<label class="check"><input type="checkbox" id="{{ o.id }}" name="{{ f.name }}" value="{{ o.value }}"{% if o.checked %} checked{% endif %}><span>{{ o.label }}</span></label>
{% endfor %}</fieldset>
{% when 'select' %}<label for="{{ f.id }}">{{ f.label }}${REQUIRED_MARK}</label>
<select id="{{ f.id }}" name="{{ f.name }}"{% if f.required %} required{% endif %}${INVALID}><option value="">{{ f.placeholder }}</option>
{% for o in f.options %}<option value="{{ o.value }}"{% if o.checked %} selected{% endif %}>{{ o.label }}</option>
{% endfor %}</select>
{% when 'textarea' %}<label for="{{ f.id }}">{{ f.label }}${REQUIRED_MARK}</label>
<textarea id="{{ f.id }}" name="{{ f.name }}" maxlength="{{ f.maxLength }}"{% if f.placeholder %} placeholder="{{ f.placeholder }}"{% endif %}{% if f.required %} required{% endif %}${INVALID}>{{ f.value }}</textarea>
{% else %}<label for="{{ f.id }}">{{ f.label }}${REQUIRED_MARK}</label>
<input type="{{ f.inputType }}" id="{{ f.id }}" name="{{ f.name }}" value="{{ f.value }}"{% if f.maxLength %} maxlength="{{ f.maxLength }}"{% endif %}{% if f.inputMode %} inputmode="{{ f.inputMode }}" step="any"{% endif %}{% if f.autocomplete %} autocomplete="{{ f.autocomplete }}"{% endif %}{% if f.placeholder %} placeholder="{{ f.placeholder }}"{% endif %}{% if f.required %} required{% endif %}${INVALID}>
{% endcase %}{% if f.error %}<p class="error" id="{{ f.id }}-error">{{ f.error }}</p>
{% endif %}</div>
{% endfor %}<div class="hp" aria-hidden="true"><label for="${HONEYPOT_FIELD}">Homepage</label><input type="text" id="${HONEYPOT_FIELD}" name="${HONEYPOT_FIELD}" value="" tabindex="-1" autocomplete="off"></div>
<button type="submit">{{ text.submit }}</button>
</form>${LAYOUT_FOOT}`;

const MESSAGE_TEMPLATE = `${LAYOUT_HEAD}<p class="message"{% if alert %} role="alert"{% endif %}>{{ message }}</p>${LAYOUT_FOOT}`;

const formTemplate = engine.parse(FORM_TEMPLATE);
const messageTemplate = engine.parse(MESSAGE_TEMPLATE);

export interface PageForm {
  name: string;
  title: string | null;
  description: string | null;
  fields: FormField[];
}

export interface PageState {
  /** What was entered, when the page is shown again with errors. */
  entered?: Record<string, string | string[]>;
  problems?: Record<string, ValueProblem>;
}

const INPUT_TYPES: Record<string, string> = { text: 'text', email: 'email', tel: 'tel', number: 'number' };
const AUTOCOMPLETE: Record<string, string> = { name: 'name', mobile: 'tel', email: 'email' };

/**
 * The page with its form, posting back to its own URL (no action attribute: right behind any path
 * prefix a proxy adds). With `state`, the entered values kept and each error under its field.
 * Absent texts are null, not '': in Liquid an empty string is truthy.
 */
export function renderFormPage(form: PageForm, state: PageState = {}): string {
  // Own keys only: a field may be called `constructor`, which every object has.
  const entered = new Map(Object.entries(state.entered ?? {}));
  const problems = new Map(Object.entries(state.problems ?? {}));
  const fields = form.fields.map((f) => {
    const raw = entered.get(f.name);
    const text = Array.isArray(raw) ? (raw[0] ?? '') : (raw ?? '');
    const chosen = new Set(Array.isArray(raw) ? raw : raw !== undefined ? [raw] : []);
    const target = f.maps ? mapTarget(f.maps) : undefined;
    const kind = f.type === 'checkbox' ? (isMultiChoice(f) ? 'choices' : 'yesno') : f.type === 'select' || f.type === 'textarea' ? f.type : 'input';
    return {
      kind,
      name: f.name,
      id: `f-${f.name}`,
      label: f.label,
      required: f.required,
      inputType: INPUT_TYPES[f.type] ?? 'text',
      inputMode: f.type === 'number' ? 'decimal' : null,
      maxLength: VALUE_MAX_LENGTH[f.type as keyof typeof VALUE_MAX_LENGTH] ?? null,
      autocomplete: target && 'column' in target ? (AUTOCOMPLETE[target.column] ?? null) : null,
      placeholder: f.placeholder ?? (f.type === 'select' ? PAGE_TEXT.choose : null),
      value: text,
      checked: f.type === 'checkbox' && !isMultiChoice(f) && ['true', 'on', '1', 'yes'].includes(text.trim().toLowerCase()),
      options: (f.options ?? []).map((o, i) => ({ id: `f-${f.name}-${i + 1}`, value: o.value, label: o.label, checked: chosen.has(o.value) })),
      error: problems.has(f.name) ? problemTextZh(problems.get(f.name)!) : null,
    };
  });
  return engine.renderSync(formTemplate, {
    title: form.title || form.name,
    description: form.description || null,
    text: PAGE_TEXT,
    fields,
    hasErrors: problems.size > 0,
  }) as string;
}

/** A page with one message: the thank-you text, or why the form cannot be used. */
export function renderMessagePage(title: string, message: string, alert = false): string {
  return engine.renderSync(messageTemplate, { title, message, alert }) as string;
}
