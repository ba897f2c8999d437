import type { RouteLocationRaw, RouteMeta, RouteRecordNameGeneric } from 'vue-router';
import type { Role } from '@zhice/shared';
import type { SessionStore } from '@/stores/session';
import { passwordChangeRedirect } from '@zhice/frontend-common/auth/changePassword';

/** Roles that may use the admin panel at all. */
export const PANEL_ROLES: readonly Role[] = ['admin', 'agent'];

export function canEnterPanel(role: Role | null | undefined): boolean {
  return role !== null && role !== undefined && PANEL_ROLES.includes(role);
}

/** The parts of a target route the guard looks at. */
export interface GuardTarget {
  name?: RouteRecordNameGeneric | null;
  fullPath: string;
  meta: RouteMeta;
}

export function loginRoute(to: GuardTarget, extra: Record<string, string> = {}): RouteLocationRaw {
  const query: Record<string, string> = { ...extra };
  if (to.fullPath !== '/' && to.name !== 'login') query.redirect = to.fullPath;
  return { name: 'login', query };
}

/**
 * The navigation guard: returns where to go instead, or true.
 * - public pages: always (a signed-in panel user skips the login page)
 * - signed out: to login, with a redirect back
 * - `user` role: signed out, to login with a "no access" note
 * - role not in `meta.roles`: 403 page
 */
export async function authGuard(to: GuardTarget, session: SessionStore): Promise<RouteLocationRaw | true> {
  if (to.meta.public) {
    if (to.name === 'login' && session.isSignedIn && session.user && canEnterPanel(session.user.role)) {
      return { name: 'dashboard' };
    }
    return true;
  }
  if (!session.isSignedIn) return loginRoute(to);

  let role: Role;
  let user;
  try {
    user = await session.ensureUser();
    role = user.role;
  } catch {
    session.clear();
    return loginRoute(to);
  }
  if (!canEnterPanel(role)) {
    await session.logout();
    return loginRoute(to, { noAccess: '1' });
  }
  // Someone else chose the password (agents, sub-agents): nothing else until it is changed.
  const change = passwordChangeRedirect(user, to);
  if (change) return change;
  const allowed = to.meta.roles;
  if (allowed && !allowed.includes(role)) return { name: 'forbidden' };
  return true;
}
