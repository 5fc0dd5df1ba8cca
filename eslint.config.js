// One lint configuration for the whole tree: source, tests, bench and docs scripts.
// Formatting is prettier's job (eslint-config-prettier turns off the rules that would fight it).
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
	{ignores: ['dist/', 'node_modules/', 'bench/results/']},
	js.configs.recommended,
	...tseslint.configs.recommended,
	{
		files: ['**/*.tsx', 'tui/**/*.ts', 'test/tui/**/*.ts'],
		plugins: {'react-hooks': reactHooks},
		rules: {
			'react-hooks/rules-of-hooks': 'error',
			'react-hooks/exhaustive-deps': 'error',
		},
	},
	{
		rules: {
			// Unused names are errors, except the ones a signature needs and marks with a leading underscore.
			'@typescript-eslint/no-unused-vars': [
				'error',
				{argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_'},
			],
			eqeqeq: ['error', 'always'],
			// A terminal program matches control characters on purpose: escape sequences, C0 codes in peers' text.
			'no-control-regex': 'off',
		},
	},
	{
		// The one CommonJS file: a --require hook for the bench, run by Node.
		files: ['**/*.cjs'],
		languageOptions: {sourceType: 'commonjs', globals: {require: 'readonly', process: 'readonly', module: 'writable'}},
		rules: {'@typescript-eslint/no-require-imports': 'off'},
	},
	prettier,
);
