// One lint configuration for the whole tree: source, tests, bench and docs scripts.
// Formatting is prettier's job (eslint-config-prettier turns off the rules that would fight it).
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

// What each folder may import: the layout of docs/LAYOUT.md, checked. A pattern names what
// the files of that folder must not import; the message says why.
const IO_MODULES = [
	'node:net',
	'node:tls',
	'node:fs',
	'node:fs/promises',
	'node:child_process',
	'node:http',
	'node:dgram',
	'node:readline',
];
function forbid(files, groups, ignores = []) {
	return {
		files,
		ignores,
		rules: {
			'no-restricted-imports': ['error', {patterns: groups.map(([group, message]) => ({group, message}))}],
		},
	};
}

const boundaries = [
	forbid(
		['protocol/**'],
		[
			[['**/server/**', '**/tui/**', '**/bin/**'], 'protocol/ is shared by server and client: it imports neither.'],
			[IO_MODULES, 'protocol/ is pure: no I/O.'],
		],
	),
	forbid(
		['server/**'],
		[[['**/tui/**', '**/bin/**', 'ink', 'react'], 'The server never loads the client or the command line.']],
		['server/ssh/**'],
	),
	// SSH sessions run the client (tui/run.tsx) in the server process, loaded only when SSH is on.
	forbid(
		['server/ssh/**'],
		[
			[
				['**/bin/**', 'ink', 'react', '**/commands/**', '**/store/**'],
				'server/ssh/ runs the client as a whole (tui/run.tsx), draws nothing itself, and reaches the chat through the edge like any client.',
			],
		],
	),
	forbid(
		['server/chat/**', 'server/commands/**', 'server/wire/**'],
		[
			[
				['**/net/**', '**/store/**', 'better-sqlite3', ...IO_MODULES],
				'The chat domain knows no sockets, files or database: it is tested without them (the store is behind server/chat/store.ts).',
			],
		],
	),
	forbid(
		['server/net/**'],
		[
			[
				['**/chat/**', '**/commands/**', '**/store/**'],
				'The network edge knows no chat line types or rules: shared types live in server/wire/.',
			],
		],
	),
	forbid(['tui/**'], [[['**/server/**', '**/bin/**'], 'The client shares only protocol/ with the server.']]),
	forbid(
		['tui/state/**', 'tui/layout/**', 'tui/input/**'],
		[
			[
				['ink', 'react', ...IO_MODULES],
				'The state reducer, layout and input parsing are pure: components and the terminal live elsewhere.',
			],
		],
	),
];

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
	...boundaries,
	prettier,
);
