import { nextTask, startInStages } from '../composables/nextTask';

/**
 * How both SPAs start (main.ts), in six tasks rather than one long one on a slow phone — index.html
 * preloads every chunk, so no stage waits for the network: evaluate Vue (`vue` chunk), then vue-router
 * and Pinia (`router`), then vue-i18n with the app's messages (`i18n`), then the app's start-up code
 * (`startApp`), then start it; the first page mounts once its chunks and `/me` are in (startSpa).
 * No Vue import here: the entry evaluates this before the framework.
 */
export function startAppInStages(loadMessages: () => Promise<unknown>, loadApp: () => Promise<{ startApp(): void }>): Promise<void> {
  return startInStages([() => import('./framework'), () => import('./frameworkRouter'), loadMessages, loadApp, nextTask] as const).then(([, , , app]) => app.startApp());
}
