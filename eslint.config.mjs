import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

/** Technology that only adapters and composition roots may touch. */
const drivers = ['@nestjs/*', 'fastify', '@fastify/*', 'kafkajs', 'mongodb', '@eventstore/*', 'pino', 'testcontainers'];
const storageDrivers = ['kafkajs', 'mongodb', '@eventstore/*'];

/** Which kinds of library each kind may depend on (DESIGN.md §2, STYLE.md). */
const layers = {
  'type:kernel': { allow: [], banned: drivers },
  'type:contracts': { allow: ['type:kernel'], banned: drivers },
  'type:domain': { allow: ['type:kernel', 'type:contracts'], banned: drivers },
  'type:metrics': { allow: ['type:kernel', 'type:contracts'], banned: drivers },
  'type:eventsourcing': { allow: ['type:kernel', 'type:contracts'], banned: drivers },
  'type:projection': { allow: ['type:kernel', 'type:contracts', 'type:eventsourcing', 'type:metrics'], banned: drivers },
  'type:http': { allow: ['type:kernel', 'type:contracts', 'type:eventsourcing'], banned: storageDrivers },
  'type:api': { allow: ['type:kernel', 'type:contracts', 'type:eventsourcing', 'type:domain', 'type:http', 'type:projection', 'type:metrics'], banned: storageDrivers },
  'type:infra': { allow: ['type:kernel', 'type:contracts', 'type:eventsourcing', 'type:projection', 'type:metrics', 'type:infra'], banned: [] },
  'type:runtime': { allow: ['type:kernel', 'type:contracts', 'type:eventsourcing', 'type:http', 'type:api', 'type:infra', 'type:projection', 'type:metrics', 'type:ui'], banned: [] },
  /** The dashboard: browser code plus the controller that serves its build. */
  'type:ui': { allow: ['type:kernel', 'type:contracts', 'type:metrics'], banned: ['kafkajs', 'mongodb', '@eventstore/*'] },
  'type:testing': { allow: ['type:kernel', 'type:contracts', 'type:eventsourcing', 'type:infra', 'type:http', 'type:runtime'], banned: [] },
  'type:app': { allow: ['type:runtime', 'type:api', 'type:kernel', 'type:contracts', 'type:ui'], banned: [] },
};
/** Bounded contexts never import each other: they share only the published language. */
const contexts = ['deals', 'customers', 'costs', 'training'];

const constraints = (forTests) => [
  ...Object.entries(layers).map(([sourceTag, { allow, banned }]) => ({
    sourceTag,
    // Tests of a composition root may reach the adapters and the engine directly.
    onlyDependOnLibsWithTags: forTests ? [...allow, 'type:testing', sourceTag, ...(sourceTag === 'type:app' ? ['type:infra', 'type:projection', 'type:metrics'] : [])] : allow,
    bannedExternalImports: forTests ? banned.filter((b) => b !== '@nestjs/*' && b !== 'testcontainers') : banned,
  })),
  ...contexts.map((c) => ({ sourceTag: `scope:${c}`, onlyDependOnLibsWithTags: [`scope:${c}`, 'scope:shared'] })),
];

const boundaries = (forTests) => [
  'error',
  { enforceBuildableLibDependency: false, allow: ['@quotient/eventsourcing/testing', '@quotient/testing/service', '@quotient/projection/testing', '@quotient/test-servers'], depConstraints: constraints(forTests) },
];

export default [
  { ignores: ['**/node_modules/**', '**/dist/**', '**/.infra/**', '**/data/**', '**/test-output/**', 'infra/**', '**/*.js', '**/*.cjs', '**/*.mjs'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true }],
      '@typescript-eslint/no-empty-object-type': 'off',
      '@nx/enforce-module-boundaries': boundaries(false),
    },
  },
  {
    files: ['**/*.spec.ts', 'bench/**/*.ts', 'libs/eventsourcing/src/contract/**/*.ts', 'libs/eventsourcing/src/testing.ts'],
    rules: {
      '@nx/enforce-module-boundaries': boundaries(true),
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    files: ['libs/testing/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['libs/*/domain/**/*.ts', 'libs/kernel/**/*.ts', 'libs/contracts/**/*.ts', 'libs/metrics/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['fs', 'path', 'http', 'net', 'crypto', 'child_process'].map((name) => ({ name, message: 'Domain code is pure: no Node I/O.' })),
          patterns: [{ group: ['node:*'], message: 'Domain code is pure: no Node I/O.' }],
        },
      ],
    },
  },
];
