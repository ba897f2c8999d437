/**
 * The framework every other chunk imports — Vue, its router and its store — as its own chunk (`vue`
 * in vite.shared.ts), evaluated by the first stage of an app's start (`startInStages`, main.ts).
 * Exported so the bundler keeps this module and its chunk; the app imports them from their packages.
 */
export { createApp } from 'vue';
export { createRouter } from 'vue-router';
export { createPinia } from 'pinia';
