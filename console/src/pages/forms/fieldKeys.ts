/**
 * A form field's key (`submission.data.<key>`) and the customer field it fills, made from its type
 * and label so a marketer never types an identifier: a phone number fills the customer's mobile,
 * an email their email, a name their name; anything else a customer attribute under a readable
 * English key (城市 → attributes.city), else `field_<n>`. Pure.
 */

export interface KeyedField {
  label?: string;
  type?: string;
  name?: string;
  maps?: string;
  /** Key and mapping are made here (a new field); false once the marketer set them, or for a saved field. */
  auto?: boolean;
}

export interface DerivedKey {
  name: string;
  maps?: string;
}

const MOBILE = /手机|电话|联系方式|mobile|phone|tel/i;
const EMAIL = /邮箱|邮件|e-?mail/i;
const NAME = /^(您的|你的|真实|客户|联系人)?(姓名|名字|称呼)$|^(full\s*)?name$/i;

/** Common labels of marketing forms → attribute keys (first match wins; a label may say more, 所在城市). */
const LABEL_KEYS: [RegExp, string][] = [
  [/微信昵称/, 'wechatNickname'],
  [/微信号|微信/, 'wechatId'],
  [/城市/, 'city'],
  [/省份|省/, 'province'],
  [/区县|地区|区域/, 'region'],
  [/地址/, 'address'],
  [/生日|出生/, 'birthday'],
  [/性别/, 'gender'],
  [/年龄/, 'age'],
  [/公司|单位|企业/, 'company'],
  [/部门/, 'department'],
  [/职位|职务|岗位/, 'jobTitle'],
  [/行业/, 'industry'],
  [/学校|院校/, 'school'],
  [/专业/, 'major'],
  [/学历/, 'education'],
  [/门店|店铺/, 'store'],
  [/会员号|会员卡|卡号/, 'memberNo'],
  [/兴趣|爱好/, 'interests'],
  [/预算/, 'budget'],
  [/品牌/, 'brand'],
  [/产品|商品/, 'product'],
  [/人数/, 'headcount'],
  [/日期|时间/, 'date'],
  [/渠道|来源|从哪/, 'source'],
  [/同意|隐私|授权/, 'consent'],
  [/意见|建议|反馈/, 'feedback'],
  [/备注|留言|说明/, 'remark'],
];

/** The type a label asks for, when the marketer has not picked one: 手机号 → tel, 邮箱 → email. */
export function typeForLabel(label: string | undefined): 'tel' | 'email' | undefined {
  const text = (label ?? '').trim();
  if (EMAIL.test(text)) return 'email';
  if (MOBILE.test(text)) return 'tel';
  return undefined;
}

/** An English label as a key: "Favourite colour" → favouriteColour; undefined when it is not plain English words. */
function englishKey(label: string): string | undefined {
  const words = label.trim().match(/^[A-Za-z][A-Za-z0-9 _-]*$/) ? label.trim().split(/[\s_-]+/) : [];
  if (!words.length) return undefined;
  const key = words.map((w, i) => (i === 0 ? w.toLowerCase() : w[0].toUpperCase() + w.slice(1).toLowerCase())).join('');
  return key.slice(0, 64);
}

/** What a field is, from its type and label: a customer column it fills, or an attribute key. */
function wanted(field: KeyedField, index: number): { key: string; column?: string } {
  const label = (field.label ?? '').trim();
  if (field.type === 'tel') return { key: 'mobile', column: 'mobile' };
  if (field.type === 'email') return { key: 'email', column: 'email' };
  if (field.type === 'text' && NAME.test(label)) return { key: 'name', column: 'name' };
  if (field.type === 'text' && /微信昵称/.test(label)) return { key: 'wechatNickname', column: 'wechatNickname' };
  const known = LABEL_KEYS.find(([pattern]) => pattern.test(label));
  return { key: known?.[1] ?? englishKey(label) ?? `field_${index + 1}` };
}

/**
 * The key and mapping of every field: the marketer's own (or saved) ones kept as they are; each
 * automatic one made from its type and label, unique in the form (a second phone number becomes
 * `mobile_2`, an attribute, since a customer column is filled by one field only).
 */
export function deriveKeys(fields: KeyedField[]): DerivedKey[] {
  const keys = new Set<string>();
  const targets = new Set<string>();
  for (const f of fields) {
    if (f.auto) continue;
    if (f.name) keys.add(f.name);
    if (f.maps) targets.add(f.maps);
  }
  return fields.map((f, i) => {
    if (!f.auto) return { name: f.name ?? '', ...(f.maps ? { maps: f.maps } : {}) };
    const want = wanted(f, i);
    let key = want.key;
    for (let n = 2; keys.has(key); n++) key = `${want.key}_${n}`;
    keys.add(key);
    const maps = want.column && !targets.has(want.column) && key === want.key ? want.column : `attributes.${key}`;
    targets.add(maps);
    return { name: key, maps };
  });
}
