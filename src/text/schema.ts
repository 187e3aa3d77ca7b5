// The `smartlic parse --json` contract's zod schemas. They live with the types they produce, in
// src/core/model.ts (zod-first: the types are inferred from them); this module keeps the names the
// text layer and scripts import.

export {
  parsedCommandSchema,
  parseOutputSchema,
  runningConfigDataSchema,
  showVersionDataSchema,
  smartLicenseDataSchema,
} from '../core/model.ts';
