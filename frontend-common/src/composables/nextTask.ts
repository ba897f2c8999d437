// No Vue here: main.ts imports this before the framework's chunk is evaluated (startInStages).

/**
 * Settles in a later task (a timer), not a microtask: the browser can paint and take input between
 * the work before and after it. On a slow phone every millisecond of a task past 50 counts as
 * blocking time (Lighthouse's TBT), so start-up work is split at these points: the mount, the list
 * after its chunk, the parts of a page that can come one task after the first render.
 */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Runs the loads one after another, each starting in a task of its own, and resolves with their
 * results. Both apps' entries evaluate their chunks this way (app/startStages.ts) instead of as one
 * long task on a slow phone: a module graph is evaluated in one go, so each stage is a dynamic import
 * of its own chunk (index.html preloads them all, so no stage waits for the network).
 */
export async function startInStages<T extends readonly unknown[]>(loads: { [K in keyof T]: () => Promise<T[K]> }): Promise<T> {
  const results: unknown[] = [];
  for (const load of loads as readonly (() => Promise<unknown>)[]) {
    await nextTask();
    results.push(await load());
  }
  return results as unknown as T;
}
