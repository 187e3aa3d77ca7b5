#!/usr/bin/env node
// The installed command runs the compiled CLI (`npm run build` writes dist/; npm runs it on
// `npm ci`/`npm install` in a clone and before `npm pack`). Development runs the sources through
// tsx instead: `npm run smartlic -- ARGS`.
import { main } from '../dist/cli.js';

process.exitCode = await main();
