import type { Rule } from 'eslint';

/** The rule in module-boundaries.js (CommonJS, loaded as it is by eslint.config.mjs and by jest). */
declare const moduleBoundaries: Rule.RuleModule;
export = moduleBoundaries;
