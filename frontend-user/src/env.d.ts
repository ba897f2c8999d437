/// <reference types="vite/client" />
import 'vue-router';

export {};

declare module 'vue-router' {
  interface RouteMeta {
    /** reachable without signing in */
    public?: boolean;
    /** only for signed-out visitors (login, register): signed-in members go to their account */
    guestOnly?: boolean;
    /** i18n key of the page title */
    titleKey?: string;
  }
}
