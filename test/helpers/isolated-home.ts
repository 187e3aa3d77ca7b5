// Every test worker writes what smartlic keeps per user (history database, lab state) into a
// fresh temporary folder, never into the home of whoever runs the tests: a store left there by
// another version of smartlic must not change a test's outcome, and tests must not leave one.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const home = mkdtempSync(join(tmpdir(), 'smartlic-test-home-'));
process.env.XDG_DATA_HOME = join(home, 'data');
process.env.XDG_STATE_HOME = join(home, 'state');
