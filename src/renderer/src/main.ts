import { createPinia } from 'pinia'
import { createApp } from 'vue'
import App from './App.vue'
import './assets/app.css'
import './assets/vis-theme.css'

createApp(App).use(createPinia()).mount('#app')
