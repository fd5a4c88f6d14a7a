#!/usr/bin/env node
'use strict';
// The c360 command: runs the TypeScript CLI in place, without a build step,
// through tsx's CommonJS API (tsx 4: `tsx/cjs/api` registers the loader for
// require() of .ts files).
const process = require('node:process');
const { register } = require('tsx/cjs/api');

register();
const { main } = require('../subgraphs/identity/src/matching/cli.ts');

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
