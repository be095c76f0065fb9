'use strict';
// Runs the TypeScript sources directly: SWC transpiles each file on require (with decorator
// metadata, which Nest's dependency injection needs and esbuild cannot emit) and the
// tsconfig path aliases (@ledger/*) are resolved here, so there is no build step to forget.
const fs = require('node:fs');
const swc = require('@swc/core');

require('./aliases');

const swcOptions = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};

require.extensions['.ts'] = function (module, filename) {
  const { code } = swc.transformSync(fs.readFileSync(filename, 'utf8'), { ...swcOptions, filename });
  module._compile(code, filename);
};
