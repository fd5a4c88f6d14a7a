#!/usr/bin/env node
'use strict';
// The c360 command: runs the TypeScript CLIs in place, without a build step,
// through tsx's CommonJS API (tsx 4: `tsx/cjs/api` registers the loader for
// require() of .ts files).
//   c360 resolve …       batch record linkage (subgraphs/identity/src/matching/cli.ts)
//   c360 keys create …   API keys of the gateway's clients (gateway/src/auth/keys-cli.ts)
//   c360 audience …      export a segment's members through the gateway (subgraphs/profile/src/audience.ts)
const process = require('node:process');
const { register } = require('tsx/cjs/api');

register();
const argv = process.argv.slice(2);
const run =
  argv[0] === 'keys'
    ? () => require('../gateway/src/auth/keys-cli.ts').main(argv.slice(1))
    : argv[0] === 'audience'
      ? () => require('../subgraphs/profile/src/audience.ts').main(argv.slice(1))
      : () => require('../subgraphs/identity/src/matching/cli.ts').main(argv);

run().then((code) => {
  process.exitCode = code;
});
