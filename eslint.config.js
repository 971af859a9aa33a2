import pluginVue from 'eslint-plugin-vue'
import { defineConfigWithVueTs, vueTsConfigs } from '@vue/eslint-config-typescript'
import skipFormatting from '@vue/eslint-config-prettier/skip-formatting'

export default defineConfigWithVueTs(
  { ignores: ['**/node_modules', '**/out', '**/dist', 'test-results', 'playwright-report'] },
  pluginVue.configs['flat/recommended'],
  vueTsConfigs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'vue/multi-word-component-names': 'off',
      // Components that render Markdown do so only through renderMarkdown (sanitised).
      'vue/no-v-html': 'error'
    }
  },
  {
    files: ['src/main/**', 'src/shared/**', 'src/cli/**'],
    rules: {
      // Main and shared code never reach into the renderer or the DOM.
      'no-restricted-imports': ['error', { patterns: ['**/renderer/**', 'vue', 'pinia'] }]
    }
  },
  skipFormatting
)
