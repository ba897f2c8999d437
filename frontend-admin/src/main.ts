import { startAppInStages } from '@zhice/frontend-common/app/startStages';
import 'element-plus/theme-chalk/dark/css-vars.css';
import '@zhice/frontend-common/styles/theme.css';
import './styles.css';

// Dark mode as last chosen (layouts/AdminLayout.vue toggles it), before the first render.
try {
  if (localStorage.getItem('zhice.admin.dark') === '1') document.documentElement.classList.add('dark');
} catch {
  /* storage unavailable */
}

// Framework, messages, the app's code, start: each in a task of its own (see startStages.ts).
void startAppInStages(() => import('./locales'), () => import('./startApp'));
