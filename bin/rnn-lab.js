#!/usr/bin/env node
// Entry point of the `rnn-lab` command. The TypeScript sources are compiled to dist/ by
// `npm run build` (run automatically by `npm ci` / `npm install`).
'use strict';
const path = require('path');
const fs = require('fs');

const entry = path.join(__dirname, '..', 'dist', 'grader', 'cli', 'main.js');
if (!fs.existsSync(entry)) {
  process.stderr.write('rnn-lab: the compiled CLI is missing (dist/). Run `npm run build` in ' + path.dirname(__dirname) + '.\n');
  process.exit(70);
}
require(entry).main(process.argv.slice(2));
