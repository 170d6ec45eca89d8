import { RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';
import moduleBoundaries from './module-boundaries';

// RuleTester runs its cases as jest tests (it finds describe/it).
const tester = new RuleTester({ languageOptions: { parser: tseslint.parser } });
const options = [{ src: '/repo/src', foundations: ['common', 'database'], public: { groups: ['segment-rule'] } }];
const inJourneys = '/repo/src/journeys/journey-executor.service.ts';
const ok = (code: string, filename = inJourneys) => ({ code, filename, options });
const bad = (code: string, messageId: string, filename = inJourneys) => ({ code, filename, options, errors: [{ messageId }] });

tester.run('module-boundaries', moduleBoundaries, {
  valid: [
    // Another product module's public face.
    ok("import { GroupsModule } from '../groups/groups.module';"),
    ok("import { GroupsService } from '../groups/groups.service';"),
    ok("import { CreateGroupDto } from '../groups/dto/create-group.dto';"),
    ok("import type { GroupKind } from '../groups/group-kind.types';"),
    ok("import type { SegmentRule } from '../groups/segment-rule';"),
    // Its own module, foundations, the composition root, packages.
    ok("import { Journey } from './journey.entity';"),
    ok("import { JourneyRun } from '../journeys/journey-run.entity';"),
    ok("import { nodeTypes } from './nodes/index';"),
    ok("import { apiError } from '../common/api-error';"),
    ok("import { entities } from '../entities';"),
    ok("import { Injectable } from '@nestjs/common';"),
    // Foundations import each other; a spec reads its own module's internals.
    ok("import { sql } from '../database/sql';", '/repo/src/common/pagination.ts'),
    ok("import { runCursor } from './run-cursor';", '/repo/src/journeys/run-cursor.spec.ts'),
    // The composition root and files outside src/ are free.
    ok("import { Customer } from './customers/customer.entity';", '/repo/src/entities.ts'),
    ok("import { Customer } from '../src/customers/customer.entity';", '/repo/test/customers.e2e-spec.ts'),
  ],
  invalid: [
    bad("import { Customer } from '../customers/customer.entity';", 'foreignEntity'),
    bad("import type { Customer } from '../customers/customer.entity';", 'foreignEntity'),
    bad("export { Customer } from '../customers/customer.entity';", 'foreignEntity'),
    bad("export * from '../customers/customer.entity';", 'foreignEntity'),
    bad("const m = import('../customers/customer.entity');", 'foreignEntity'),
    bad("const m = require('../customers/customer.entity');", 'foreignEntity'),
    bad("import m = require('../customers/customer.entity');", 'foreignEntity'),
    bad("let c: import('../customers/customer.entity').Customer;", 'foreignEntity'),
    bad("import { CustomersController } from '../customers/customers.controller';", 'internal'),
    bad("import { evaluate } from '../groups/rule-eval';", 'internal'),
    bad("import { GroupDto } from '../groups/group-dto';", 'internal'),
    bad("import { Customer } from '../customers/customer.entity';", 'foreignEntity', '/repo/src/journeys/run-cursor.spec.ts'),
    bad("import { Customer } from '../../customers/customer.entity';", 'foreignEntity', '/repo/src/journeys/nodes/add-to-group.ts'),
    // Foundations import no product module, not even its service.
    bad("import { Public } from '../auth/auth.decorators';", 'foundationImportsProduct', '/repo/src/common/pagination.ts'),
    bad("import { GroupsService } from '../groups/groups.service';", 'foundationImportsProduct', '/repo/src/database/migrate.ts'),
  ],
});
