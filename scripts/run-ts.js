'use strict';
// Usage: node scripts/run-ts.js <file.ts> [args…]
require('./register');
const path = require('node:path');
const [, , file, ...args] = process.argv;
if (!file) {
  console.error('usage: node scripts/run-ts.js <file.ts> [args…]');
  process.exit(2);
}
process.argv = [process.argv[0], file, ...args];
require(path.resolve(file));
