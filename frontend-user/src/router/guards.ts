import type { RouteLocationRaw, RouteMeta, RouteRecordNameGeneric } from 'vue-router';
import { safeRedirect as sameSiteOr } from '@zhice/frontend-common/auth/safeRedirect';
import type { SessionStore } from '@/stores/session';

/** The parts of a target route the guard looks at. */
export interface GuardTarget {
  name?: RouteRecordNameGeneric | null;
  fullPath: string;
  meta: RouteMeta;
}

export function loginRoute(to: GuardTarget): RouteLocationRaw {
  return { name: 'login', query: { redirect: to.fullPath } };
}

/** Only same-site paths are followed after login (no open redirect). */
export function safeRedirect(target: unknown, fallback = '/stocks'): string {
  return sameSiteOr(target, fallback);
}

/**
 * The navigation guard: returns where to go instead, or true.
 * - public pages: always; the landing page, login and register send signed-in members to My stocks
 * - signed out: to login with a redirect back
 */
export async function authGuard(to: GuardTarget, session: SessionStore): Promise<RouteLocationRaw | true> {
  if (to.meta.public) {
    if (to.meta.guestOnly && session.isSignedIn) return { name: 'stocks' };
    return true;
  }
  if (!session.isSignedIn) return loginRoute(to);
  try {
    await session.ensureUser();
  } catch {
    session.clear();
    return loginRoute(to);
  }
  return true;
}
