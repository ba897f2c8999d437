/** Injection token: which queue backend runs ('postgres' | 'redis'). */
export const QUEUE_BACKEND_KIND = Symbol('QUEUE_BACKEND_KIND');
