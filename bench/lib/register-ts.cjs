// Lets `node -r ./bench/lib/register-ts.cjs bench/runner.ts` run the benchmark and the suites' helpers
// (test/support) from their TypeScript sources, each file transpiled as it is loaded, as ts-jest does for the
// suites (isolatedModules). Types are checked beforehand by `tsc -p bench/tsconfig.json` in `npm run bench`.
const { readFileSync } = require('node:fs');
const ts = require('typescript');

const compilerOptions = {
  module: ts.ModuleKind.CommonJS,
  target: ts.ScriptTarget.ES2022,
  esModuleInterop: true,
  experimentalDecorators: true,
  useDefineForClassFields: false,
  inlineSourceMap: true,
  inlineSources: true,
};

require.extensions['.ts'] = (module, filename) => {
  const { outputText } = ts.transpileModule(readFileSync(filename, 'utf8'), { compilerOptions, fileName: filename });
  module._compile(outputText, filename);
};
