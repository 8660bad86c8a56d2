// Lets a child `node` process run the TypeScript sources directly (`node -r ./test/helpers/register-ts.js
// src/index.ts`), compiled on load with SWC as Jest does: fault tests start real bot processes without a build.
'use strict';
const fs = require('node:fs');
const { transformSync } = require('@swc/core');

require.extensions['.ts'] = function compileTypeScript(module, filename) {
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), {
    filename,
    sourceMaps: 'inline',
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};
