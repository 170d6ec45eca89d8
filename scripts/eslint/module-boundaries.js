/**
 * ESLint rule `herald/module-boundaries`: the walls between the server's modules (issue 20).
 *
 * A module is a folder of src/. Foundations (listed in the options) may be imported by anyone and import
 * no product module. Every other folder is a product module: it may import another product module's
 * `*.module.ts`, `*.service.ts`, `*.types.ts`, `dto/**` and the files that module declares public (the
 * `public` option), never its `*.entity.ts` (ask its service) nor its other files. The composition root
 * (src/*.ts) imports and is imported freely; files outside src/ (test/, bench/, scripts/) are not checked.
 * Only relative imports are read: the server has no path aliases.
 *
 * CommonJS, so jest runs its spec (scripts/eslint/module-boundaries.spec.ts) as it is.
 */
const path = require('path');

const ALWAYS_PUBLIC = /\.(module|service|types)$/;

/** `{ module, inside }` for a path under src/, or undefined outside src/ and for the composition root. */
function locate(srcDir, file) {
  const rel = path.relative(srcDir, file);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  const parts = rel.split(path.sep);
  if (parts.length < 2) return undefined;
  return {
    module: parts[0],
    inside: parts
      .slice(1)
      .join('/')
      .replace(/\.(d\.ts|tsx?|jsx?|mjs|cjs)$/, ''),
  };
}

/** @type {import('eslint').Rule.RuleModule} */
module.exports = {
  meta: {
    type: 'problem',
    docs: { description: "Forbid importing another module's entities or internals, and foundations importing product modules" },
    schema: [
      {
        type: 'object',
        properties: {
          src: { type: 'string' },
          foundations: { type: 'array', items: { type: 'string' } },
          public: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } },
        },
        additionalProperties: false,
      },
    ],
    messages: {
      foreignEntity: "'{{target}}' is the {{module}} module's entity: ask that module's service (exported by {{module}}.module.ts) instead.",
      internal:
        "'{{target}}' is internal to the {{module}} module: import its *.module.ts, *.service.ts, *.types.ts, dto/ or a file it declares public (module-boundaries options in eslint.config.mjs).",
      foundationImportsProduct: "The foundation {{from}}/ imports the product module {{module}} ('{{target}}'): foundations import no product module.",
    },
  },

  create(context) {
    const options = context.options[0] ?? {};
    const srcDir = path.resolve(context.cwd, options.src ?? 'src');
    const foundations = new Set(options.foundations ?? []);
    const declared = options.public ?? {};
    const from = locate(srcDir, context.filename);
    if (!from) return {};

    function check(node, spec) {
      if (typeof spec !== 'string' || !spec.startsWith('.')) return;
      const to = locate(srcDir, path.resolve(path.dirname(context.filename), spec));
      if (!to || to.module === from.module || foundations.has(to.module)) return;
      const data = { from: from.module, module: to.module, target: spec };
      if (foundations.has(from.module)) return context.report({ node, messageId: 'foundationImportsProduct', data });
      if (/\.entity$/.test(to.inside)) return context.report({ node, messageId: 'foreignEntity', data });
      const isPublic = ALWAYS_PUBLIC.test(to.inside) || to.inside.startsWith('dto/') || (declared[to.module] ?? []).includes(to.inside);
      if (!isPublic) context.report({ node, messageId: 'internal', data });
    }
    const literal = (node) => (node && node.type === 'Literal' ? node.value : undefined);

    return {
      ImportDeclaration: (node) => check(node.source, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node.source, node.source.value),
      ExportAllDeclaration: (node) => check(node.source, node.source.value),
      ImportExpression: (node) => check(node.source, literal(node.source)),
      TSExternalModuleReference: (node) => check(node.expression, literal(node.expression)),
      TSImportType: (node) => check(node.argument, literal(node.argument.type === 'TSLiteralType' ? node.argument.literal : node.argument)),
      CallExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments.length === 1)
          check(node.arguments[0], literal(node.arguments[0]));
      },
    };
  },
};
