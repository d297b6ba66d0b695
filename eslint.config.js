import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'dist.*/', 'reports/', 'coverage/', '.sim-cache/', '.scratch*/', '**/*.tmp-*/'] },
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommended],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // Determinism: models and the simulator draw randomness from seeded substreams and read
    // simulated time only. The CLI may read the wall clock for its own timing line.
    files: ['src/**/*.ts', 'models/**/*.ts'],
    ignores: ['src/cli/**'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Use a seeded substream: sim.rng(name).' },
        { object: 'Date', property: 'now', message: 'Use simulated time (sim.now); wall clock breaks determinism.' },
        { object: 'performance', property: 'now', message: 'Use simulated time (sim.now); wall clock breaks determinism.' },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'new Date() reads the wall clock; use simulated time.' },
      ],
      'no-restricted-globals': ['error', { name: 'performance', message: 'Wall clock timing belongs in src/cli or bench/.' }],
    },
  },
);
