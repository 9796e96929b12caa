#!/usr/bin/env node
// Entry point of the `rnn-lab` command. The TypeScript sources are compiled to dist/ by
// `npm run build` (run automatically by `npm ci` / `npm install`).
'use strict';
const path = require('path');
const fs = require('fs');

// SIGUSR1 would open this process's inspector on 127.0.0.1:9229 to anyone who can signal it (a
// submission host running as the same user): a listener of its own turns that off (Node 20-24;
// Node 22.14+ also has --disable-sigusr1, which only a fresh process can be given).
process.on('SIGUSR1', () => undefined);

const entry = path.join(__dirname, '..', 'dist', 'grader', 'cli', 'main.js');
if (!fs.existsSync(entry)) {
  process.stderr.write('rnn-lab: the compiled CLI is missing (dist/). Run `npm run build` in ' + path.dirname(__dirname) + '.\n');
  process.exit(70);
}
require(entry).main(process.argv.slice(2));
