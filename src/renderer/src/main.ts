// First: zod must not generate code under the CSP (see zod-jitless.ts).
import '@shared/zod-jitless'
import { createPinia } from 'pinia'
import { createApp } from 'vue'
import App from './App.vue'
import './assets/app.css'
import './assets/vis-theme.css'

createApp(App).use(createPinia()).mount('#app')
