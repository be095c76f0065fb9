#!/usr/bin/env node
'use strict';
// `npx mledger …`: the CLI from source (SWC on the fly, as `npm start` runs the services).
require('./register');
require('../apps/cli/src/main.ts');
