import { nextTask, startInStages } from '@zhice/frontend-common/composables/nextTask';
import '@zhice/frontend-common/styles/theme.css';
import './styles.css';

// The start in five tasks rather than one long one on a slow phone (index.html preloads every chunk):
// evaluate Vue, its router and store; then vue-i18n with the messages; then the app's own start-up
// code; then start it (startApp.ts); the first page mounts once its chunks and /me are in (startSpa).
void startInStages([
  () => import('@zhice/frontend-common/app/framework'),
  () => import('./locales'),
  () => import('./startApp'),
  nextTask,
] as const).then(([, , app]) => app.startApp());
