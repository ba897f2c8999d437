import { nextTask, startInStages } from '@zhice/frontend-common/composables/nextTask';
import 'element-plus/theme-chalk/dark/css-vars.css';
import '@zhice/frontend-common/styles/theme.css';
import './styles.css';

// Dark mode as last chosen (layouts/AdminLayout.vue toggles it), before the first render.
try {
  if (localStorage.getItem('zhice.admin.dark') === '1') document.documentElement.classList.add('dark');
} catch {
  /* storage unavailable */
}

// The start in five tasks rather than one long one (index.html preloads every chunk): evaluate Vue,
// its router and store; then vue-i18n with the messages; then the app's own start-up code; then
// start it (startApp.ts); the first page mounts once its chunks and /me are in (startSpa).
void startInStages([
  () => import('@zhice/frontend-common/app/framework'),
  () => import('./locales'),
  () => import('./startApp'),
  nextTask,
] as const).then(([, , app]) => app.startApp());
