// Type-level proof that the zod schemas (src/text/schema.ts) and src/core/model.ts agree. Not a
// test file on its own: schema.test.ts compiles it with tsc and fails on any error, so the check
// runs with the tests, not only with `npm run typecheck`.

import { expectTypeOf } from 'vitest';
import type { z } from 'zod';
import type {
  ParsedCommand,
  RunningConfigData,
  ShowVersionData,
  SmartLicenseData,
} from '../../src/core/model.ts';
import type {
  parsedCommandSchema,
  runningConfigDataSchema,
  showVersionDataSchema,
  smartLicenseDataSchema,
} from '../../src/text/schema.ts';

expectTypeOf<z.infer<typeof smartLicenseDataSchema>>().toEqualTypeOf<SmartLicenseData>();
expectTypeOf<z.infer<typeof showVersionDataSchema>>().toEqualTypeOf<ShowVersionData>();
expectTypeOf<z.infer<typeof runningConfigDataSchema>>().toEqualTypeOf<RunningConfigData>();
// The entry schema is stricter (data follows command), and every entry it accepts is a ParsedCommand.
expectTypeOf<z.infer<typeof parsedCommandSchema>>().toExtend<ParsedCommand>();
expectTypeOf<z.infer<typeof parsedCommandSchema>['command']>().toEqualTypeOf<ParsedCommand['command']>();
