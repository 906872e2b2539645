import tseslint from 'typescript-eslint'
import vue from 'eslint-plugin-vue'

const noElectron = {
  'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'Only electron/main and electron/preload may use Electron; the engine runs in plain Node.' }] }],
}

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'native/*/build/**'] },
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/multi-word-component-names': 'off',
      'vue/html-self-closing': 'off',
    },
  },
  { files: ['electron/engine/**', 'electron/contract/**', 'electron/server/**', 'electron/cli/**', 'renderer/**'], rules: noElectron },
  // A native addon's package is CommonJS: Node loads the compiled .node file only through require.
  { files: ['native/*/index.js'], rules: { '@typescript-eslint/no-require-imports': 'off' } },
)
