/** Fails the test whose requests drew an answer docs/openapi.json does not describe (see contract.ts). */
import { takeContractViolations } from './contract';

afterEach(() => {
  const found = takeContractViolations();
  if (found.length) throw new Error(`Answers the API document does not describe:\n- ${[...new Set(found)].join('\n- ')}`);
});
