import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

const drivers = ['@nestjs/*', 'fastify', '@fastify/*', 'kafkajs', 'mongodb', '@eventstore/*', 'pino', 'testcontainers'];

export default [
  { ignores: ['**/node_modules/**', '**/dist/**', '**/.infra/**', '**/data/**', '**/test-output/**', 'infra/**', '**/*.js', '**/*.cjs', '**/*.mjs'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-empty-object-type': 'off',
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: ['@quotient/eventsourcing/testing'],
          depConstraints: [
            { sourceTag: 'type:kernel', onlyDependOnLibsWithTags: [], bannedExternalImports: drivers },
            { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:kernel'], bannedExternalImports: drivers },
            { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:kernel', 'type:contracts'], bannedExternalImports: drivers },
            { sourceTag: 'type:metrics', onlyDependOnLibsWithTags: ['type:kernel', 'type:contracts'], bannedExternalImports: drivers },
            { sourceTag: 'type:eventsourcing', onlyDependOnLibsWithTags: ['type:kernel', 'type:contracts'], bannedExternalImports: drivers },
            { sourceTag: 'type:projection', onlyDependOnLibsWithTags: ['type:kernel', 'type:contracts', 'type:eventsourcing', 'type:metrics'], bannedExternalImports: drivers },
            { sourceTag: 'type:http', onlyDependOnLibsWithTags: ['type:kernel', 'type:contracts', 'type:eventsourcing'], bannedExternalImports: ['kafkajs', 'mongodb', '@eventstore/*'] },
            { sourceTag: 'type:api', onlyDependOnLibsWithTags: ['type:kernel', 'type:contracts', 'type:eventsourcing', 'type:domain', 'type:http', 'type:projection', 'type:metrics'], bannedExternalImports: ['kafkajs', 'mongodb', '@eventstore/*'] },
            { sourceTag: 'type:infra', onlyDependOnLibsWithTags: ['type:kernel', 'type:contracts', 'type:eventsourcing', 'type:projection', 'type:metrics', 'type:infra'] },
            { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:kernel', 'type:contracts', 'type:eventsourcing', 'type:infra'] },
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:kernel', 'type:contracts', 'type:eventsourcing', 'type:http', 'type:api', 'type:infra', 'type:projection', 'type:metrics', 'type:testing', 'type:app'] },
            { sourceTag: 'scope:deals', onlyDependOnLibsWithTags: ['scope:deals', 'scope:shared'] },
            { sourceTag: 'scope:customers', onlyDependOnLibsWithTags: ['scope:customers', 'scope:shared'] },
            { sourceTag: 'scope:costs', onlyDependOnLibsWithTags: ['scope:costs', 'scope:shared'] },
            { sourceTag: 'scope:training', onlyDependOnLibsWithTags: ['scope:training', 'scope:shared'] },
          ],
        },
      ],
    },
  },
  {
    files: ['libs/*/domain/**/*.ts', 'libs/kernel/**/*.ts', 'libs/contracts/**/*.ts', 'libs/metrics/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['node:*', 'fs', 'path', 'http', 'net', 'crypto'], message: 'Domain code is pure: no Node I/O.' }] }],
    },
  },
];
