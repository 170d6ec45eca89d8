/**
 * The fuzzer's seed generator (support/schema-seed.ts) on small documents, and on every request
 * schema of docs/openapi.json: what it makes must be valid by the schema it was made from. Pure:
 * no api, no database (an e2e file only because jest's testMatch takes unit tests from src/).
 */
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { readFileSync } from 'fs';
import { join } from 'path';
import { admittedTypes, Components, generate, isWrongType, Schema, schemaAt } from './support/schema-seed';

/** OpenAPI's `nullable` as JSON Schema (as test/support/contract.ts does it). */
function jsonSchemaOf(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(jsonSchemaOf);
  if (!node || typeof node !== 'object') return node;
  const { nullable, ...rest } = node as Record<string, unknown>;
  const out = Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, k === 'example' || k === 'default' ? v : jsonSchemaOf(v)]));
  return nullable === true ? { anyOf: [{ type: 'null' }, out] } : out;
}

/** What is wrong with a value by the schema (its $refs into `components`), or undefined. */
function invalid(components: Components, schema: Schema, value: unknown): string | undefined {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  const validate = ajv.compile(jsonSchemaOf({ allOf: [schema], components: { schemas: components } }) as object);
  return validate(value) ? undefined : ajv.errorsText(validate.errors, { dataVar: 'body' });
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** A journey-like document: a trigger oneOf by type, nodes oneOf by type, a recursive rule. */
const journeyDoc: Components = {
  Rule: { oneOf: [ref('Condition'), ref('AllOf'), ref('AnyOf')] },
  Condition: {
    type: 'object',
    required: ['field', 'op'],
    properties: {
      field: { type: 'string', maxLength: 200 },
      op: { type: 'string', enum: ['=', '>='] },
      value: { oneOf: [{ type: 'string' }, { type: 'number' }] },
    },
  },
  AllOf: { type: 'object', required: ['and'], properties: { and: { type: 'array', minItems: 1, items: ref('Rule') } } },
  AnyOf: { type: 'object', required: ['or'], properties: { or: { type: 'array', minItems: 1, items: ref('Rule') } } },
  FormTrigger: {
    type: 'object',
    required: ['type', 'formId'],
    properties: { type: { type: 'string', enum: ['form_submitted'] }, formId: { type: 'integer', minimum: 1 } },
  },
  EventTrigger: {
    type: 'object',
    required: ['type', 'event'],
    properties: { type: { type: 'string', enum: ['event'] }, event: { type: 'string', enum: ['customer/updated', 'loyalty/membership_level_up'] } },
  },
  WaitNode: {
    type: 'object',
    required: ['id', 'type'],
    properties: {
      id: { type: 'string', pattern: '^[a-z][a-z0-9_]*$' },
      type: { type: 'string', enum: ['wait'] },
      seconds: { type: 'integer', minimum: 60, maximum: 86_400 },
      next: { type: 'string' },
    },
  },
  ConditionNode: {
    type: 'object',
    required: ['id', 'type', 'rule'],
    properties: {
      id: { type: 'string' },
      type: { type: 'string', enum: ['condition'] },
      rule: ref('Rule'),
      then: { type: 'string' },
      else: { type: 'string' },
    },
  },
  CreateJourney: {
    type: 'object',
    required: ['name', 'trigger', 'start', 'nodes'],
    properties: {
      name: { type: 'string', minLength: 1, maxLength: 200 },
      reentry: { type: 'string', enum: ['once', 'always'] },
      trigger: {
        oneOf: [ref('EventTrigger'), ref('FormTrigger')],
        discriminator: { propertyName: 'type', mapping: { event: '#/components/schemas/EventTrigger', form_submitted: '#/components/schemas/FormTrigger' } },
      },
      start: { type: 'string' },
      nodes: { type: 'array', minItems: 1, maxItems: 100, items: { oneOf: [ref('WaitNode'), ref('ConditionNode')], discriminator: { propertyName: 'type' } } },
    },
  },
};

describe("the fuzzer's seed generator", () => {
  it('fills required properties within their bounds, formats and enums, following $ref and allOf', () => {
    const components: Components = {
      Base: { type: 'object', required: ['name'], properties: { name: { type: 'string', minLength: 3, maxLength: 5 } } },
      Thing: {
        allOf: [
          ref('Base'),
          {
            type: 'object',
            required: ['email', 'at', 'url', 'count', 'ratio', 'kind', 'tags', 'code'],
            properties: {
              email: { type: 'string', format: 'email' },
              at: { type: 'string', format: 'date-time' },
              url: { type: 'string', format: 'uri' },
              count: { type: 'integer', minimum: 10, maximum: 20 },
              ratio: { type: 'number', exclusiveMinimum: 2 },
              kind: { type: 'string', enum: ['a', 'b'] },
              tags: { type: 'array', minItems: 2, uniqueItems: true, items: { type: 'string', maxLength: 10 } },
              code: { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9_]{0,63}$' },
              optional: { type: 'string' },
            },
          },
        ],
      },
    };
    const g = generate(components, ref('Thing'));
    expect(invalid(components, ref('Thing'), g.value)).toBeUndefined();
    expect(invalid(components, ref('Thing'), { ...(g.value as object), count: 9 })).toMatch(/count/); // the check bites
    expect(g.value).toMatchObject({ count: 10, kind: 'a', tags: [expect.any(String), expect.any(String)] });
    expect(g.value).not.toHaveProperty('optional');
    expect(g.undescribed).toEqual([]);
  });

  it("takes a oneOf branch by discriminator: the first by default, the hand value's when it names one", () => {
    const world = { valueFor: (_: unknown, name: string) => (name === 'formId' ? 42 : undefined) };
    const plain = generate(journeyDoc, ref('CreateJourney'), world);
    expect(plain.value).toMatchObject({ trigger: { type: 'event', event: 'customer/updated' } });
    const hand = { trigger: { type: 'form_submitted', formId: 1 } };
    const steered = generate(journeyDoc, ref('CreateJourney'), { ...world, hand });
    expect(steered.value).toMatchObject({ trigger: { type: 'form_submitted', formId: 42 } });
    expect((steered.value as { nodes: unknown[] }).nodes).toHaveLength(1);
  });

  it('builds a graph of nodes from their branches, with the links taken from the hand seed', () => {
    const hand = {
      name: 'j',
      trigger: { type: 'event', event: 'loyalty/membership_level_up' },
      start: 'wait',
      nodes: [
        { id: 'wait', type: 'wait', seconds: 600, next: 'check' },
        {
          id: 'check',
          type: 'condition',
          rule: { and: [{ field: 'activityScore', op: '>=', value: 5 }, { or: [{ field: 'name', op: '=', value: 'x' }] }] },
          then: 'wait',
        },
      ],
    };
    const g = generate(journeyDoc, ref('CreateJourney'), {
      hand,
      take: ['start', 'nodes[].id', 'nodes[].next', 'nodes[].then', 'nodes[].rule.field', 'nodes[].rule.and[].field', 'nodes[].rule.and[].or[].field'],
    });
    expect(invalid(journeyDoc, ref('CreateJourney'), g.value)).toBeUndefined();
    expect(g.value).toMatchObject({
      start: 'wait',
      trigger: { type: 'event', event: 'loyalty/membership_level_up' },
      nodes: [
        { id: 'wait', type: 'wait', seconds: 60, next: 'check' },
        {
          id: 'check',
          type: 'condition',
          then: 'wait',
          rule: { and: [{ field: 'activityScore', op: '>=', value: 1 }, { or: [{ field: 'name', op: '=', value: expect.any(String) }] }] },
        },
      ],
    });
    expect(g.handParts).toEqual(expect.arrayContaining(['start', 'nodes[0].id', 'nodes[1].rule.and[1].or[0].field']));
  });

  it('stops a recursive $ref at a branch that does not recurse', () => {
    const g = generate(journeyDoc, ref('Rule'));
    expect(g.value).toEqual({ field: 'fuzz field', op: '=' });
    expect(invalid(journeyDoc, ref('Rule'), g.value)).toBeUndefined();
  });

  it("takes a oneOf with a null branch (a group's rule) by the hand value's shape, never null by default", () => {
    const components: Components = {
      ...journeyDoc,
      Group: {
        type: 'object',
        required: ['name', 'rule'],
        properties: {
          name: { type: 'string' },
          rule: { oneOf: [ref('Condition'), ref('AllOf'), ref('AnyOf'), { type: 'object', nullable: true, enum: [null] }] },
        },
      },
    };
    expect(generate(components, ref('Group')).value).toMatchObject({ rule: { field: 'fuzz field', op: '=' } });
    const hand = { rule: { or: [{ field: 'name', op: '=', value: 'x' }] } };
    const g = generate(components, ref('Group'), { hand, take: ['rule.or[].field'] });
    expect(g.value).toMatchObject({ rule: { or: [{ field: 'name', op: '=', value: expect.any(String) }] } });
    expect(invalid(components, ref('Group'), g.value)).toBeUndefined();
    expect(isWrongType(components, schemaAt(components, ref('Group'), g.value, ['rule']), null)).toBe(false);
    expect(isWrongType(components, schemaAt(components, ref('Group'), g.value, ['rule']), 'fuzz')).toBe(true);
  });

  it("follows the hand seed's arrays of objects (form fields), taking what the document cannot know", () => {
    const components: Components = {
      Option: {
        type: 'object',
        required: ['value', 'label'],
        properties: { value: { type: 'string', maxLength: 100 }, label: { type: 'string', maxLength: 200 } },
      },
      Field: {
        type: 'object',
        required: ['name', 'label', 'type'],
        properties: {
          name: { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9_]{0,63}$' },
          label: { type: 'string' },
          type: { type: 'string', enum: ['text', 'tel', 'select'] },
          required: { type: 'boolean' },
          maps: { type: 'string' },
          options: { type: 'array', items: ref('Option') },
        },
      },
      Form: {
        type: 'object',
        required: ['name'],
        properties: {
          name: { type: 'string' },
          fields: { type: 'array', maxItems: 50, items: ref('Field') },
          webhookIds: { type: 'array', items: { type: 'integer' } },
        },
      },
    };
    const hand = {
      name: 'f',
      fields: [
        { name: 'phone', label: 'P', type: 'tel', maps: 'mobile' },
        { name: 'city', label: 'C', type: 'select', options: [{ value: 'sh', label: 'S' }] },
      ],
    };
    const g = generate(components, ref('Form'), { hand, take: ['fields[].name', 'fields[].maps'] });
    expect(invalid(components, ref('Form'), g.value)).toBeUndefined();
    expect(g.value).toMatchObject({
      fields: [
        { name: 'phone', type: 'tel', maps: 'mobile' },
        { name: 'city', type: 'select', options: [{ value: expect.any(String) }] },
      ],
    });
    expect(g.value).not.toHaveProperty('webhookIds');
  });

  it('takes the hand value where the document has a bare object or free JSON, and lists what no one described', () => {
    const components: Components = {
      Hook: {
        type: 'object',
        required: ['name', 'trigger'],
        properties: {
          name: { type: 'string' },
          template: { type: 'object', additionalProperties: true },
          trigger: { type: 'object' },
          headers: { type: 'object', additionalProperties: { type: 'string' } },
        },
      },
    };
    const hand = { template: { text: '{{ customer.name }}' }, trigger: { type: 'inbound' }, headers: { 'X-A': 'v' } };
    const g = generate(components, ref('Hook'), { hand });
    expect(g.value).toEqual({
      name: expect.stringMatching(/^fuzz name \w+$/),
      template: { text: '{{ customer.name }}' },
      trigger: { type: 'inbound' },
      headers: { 'X-A': 'fuzz X-A' },
    });
    expect(g.handParts.sort()).toEqual(['template', 'trigger']);
    expect(generate(components, ref('Hook')).undescribed).toEqual(['trigger']);
  });

  it('knows the type each part of a body may have (by the branch the body takes)', () => {
    const body = { name: 'j', trigger: { type: 'form_submitted', formId: 1 }, nodes: [{ id: 'w', type: 'wait', seconds: 60 }] };
    const at = (...path: (string | number)[]) => schemaAt(journeyDoc, ref('CreateJourney'), body, path);
    expect(at('trigger', 'formId')).toMatchObject({ type: 'integer' });
    expect(at('nodes', 0, 'seconds')).toMatchObject({ type: 'integer', minimum: 60 });
    expect(isWrongType(journeyDoc, at('trigger', 'formId'), 'fuzz')).toBe(true);
    expect(isWrongType(journeyDoc, at('trigger', 'formId'), 12345)).toBe(false);
    expect(isWrongType(journeyDoc, at('nodes', 0, 'type'), 12345)).toBe(true);
    expect(isWrongType(journeyDoc, at('name'), null)).toBe(true);
    expect(isWrongType(journeyDoc, { type: 'string', nullable: true }, null)).toBe(false);
    // Free JSON and undocumented parts admit anything.
    expect(admittedTypes(journeyDoc, { type: 'object', additionalProperties: true, oneOf: [{}] })).toBeUndefined();
    expect(isWrongType(journeyDoc, at('zz'), 12345)).toBe(false);
    expect(isWrongType(journeyDoc, schemaAt(journeyDoc, ref('Condition'), { field: 'a', op: '=', value: 1 }, ['value']), true)).toBe(true);
  });

  it('makes a valid body for every described request schema of docs/openapi.json', () => {
    const doc = JSON.parse(readFileSync(join(__dirname, '../../docs/openapi.json'), 'utf8'));
    const components: Components = doc.components.schemas;
    const problems: string[] = [];
    let generated = 0;
    for (const [path, byMethod] of Object.entries<Record<string, { requestBody?: { content?: Record<string, { schema?: Schema }> } }>>(doc.paths)) {
      for (const [method, op] of Object.entries(byMethod)) {
        const schema = op.requestBody?.content?.['application/json']?.schema;
        if (!schema) continue;
        const g = generate(components, schema);
        if (g.undescribed.length) continue; // the document says too little there (the fuzzer's hand seeds cover it)
        generated++;
        const wrong = invalid(components, schema, g.value);
        if (wrong) problems.push(`${method.toUpperCase()} ${path}: ${wrong} in ${JSON.stringify(g.value)}`);
      }
    }
    expect(problems).toEqual([]);
    expect(generated).toBeGreaterThan(20);
  });
});
