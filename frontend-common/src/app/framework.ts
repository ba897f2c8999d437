/**
 * Vue itself, as its own chunk (`vue` in vite.shared.ts), evaluated by the first stage of an app's
 * start (startStages.ts). Exported so the bundler keeps this module and its chunk; the app imports
 * from the package.
 */
export { createApp } from 'vue';
