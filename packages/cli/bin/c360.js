#!/usr/bin/env node
'use strict';
// The c360 command in a checkout: runs the TypeScript sources in place through
// tsx's CommonJS loader. Production runs the build instead: `node dist/c360.js`.
require('tsx/cjs/api').register();
require('../src/main.ts')
  .run(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
