/**
 * Vue's router and store, as their own chunk (`router` in vite.shared.ts), evaluated by the second
 * stage of an app's start (startStages.ts): apart from Vue they made its stage ~35 % longer.
 */
export { createRouter } from 'vue-router';
export { createPinia } from 'pinia';
