import { startAppInStages } from '@zhice/frontend-common/app/startStages';
import '@zhice/frontend-common/styles/theme.css';
import './styles.css';

// Framework, messages, the app's code, start: each in a task of its own (see startStages.ts).
void startAppInStages(() => import('./locales'), () => import('./startApp'));
