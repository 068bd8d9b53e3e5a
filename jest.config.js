const { compilerOptions } = require('./tsconfig.base.json');

/** Maps the workspace's TypeScript path aliases for Jest. */
const moduleNameMapper = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [`^${alias.replace('/', '\\/')}$`, `<rootDir>/${target}`]),
);

const swc = [
  '@swc/jest',
  {
    jsc: {
      target: 'es2023',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
    },
    module: { type: 'commonjs' },
  },
];

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/libs', '<rootDir>/apps', '<rootDir>/bench'],
  testMatch: ['**/*.spec.ts'],
  // ESM-only packages pulled in by @fastify/static are compiled to CommonJS for Jest's module system.
  transform: { '^.+\\.ts$': swc, '^.+/node_modules/content-disposition/.+\\.js$': swc },
  transformIgnorePatterns: ['/node_modules/(?!content-disposition/)'],
  moduleNameMapper,
  testTimeout: 30000,
  maxWorkers: process.env.CI ? 2 : '50%',
  setupFiles: ['<rootDir>/jest.fast-check.js'],
};
