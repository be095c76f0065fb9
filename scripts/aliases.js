'use strict';
// Resolves the tsconfig path aliases (@ledger/*) for code loaded outside Jest's module
// registry (scripts, the Jest global setup) and at run time.
const Module = require('node:module');
const path = require('node:path');
const fs = require('node:fs');

const root = path.resolve(__dirname, '..');
const { compilerOptions } = JSON.parse(fs.readFileSync(path.join(root, 'tsconfig.base.json'), 'utf8'));
const aliases = Object.fromEntries(
  Object.entries(compilerOptions.paths)
    .filter(([name]) => name.startsWith('@ledger/'))
    .map(([name, [target]]) => [name, path.join(root, target)]),
);

if (!Module.__ledgerAliases) {
  Module.__ledgerAliases = true;
  const resolve = Module._resolveFilename;
  Module._resolveFilename = function (request, ...rest) {
    return resolve.call(this, aliases[request] ?? request, ...rest);
  };
}
