// The localStorage entries that sign a page in, for the web tools (profile.mjs, lh-one.mjs): the
// admin signs in with its password; a member `profmember` is registered on first use.
async function api(origin, method, url, body) {
  const res = await fetch(`${origin}/api/v1${url}`, { method, headers: { 'content-type': 'application/json' }, body: body ? JSON.stringify(body) : undefined });
  return { status: res.status, body: await res.json().catch(() => null) };
}

/** `as`: admin | member | guest (no tokens). */
export async function storageTokens(origin, as, adminPassword) {
  if (as === 'admin') {
    const s = (await api(origin, 'POST', '/auth/login', { username: 'admin', password: adminPassword })).body;
    return { 'zhice.admin.accessToken': s.accessToken, 'zhice.admin.refreshToken': s.refreshToken };
  }
  if (as === 'member') {
    const cred = { username: 'profmember', password: 'Prof-member-pass-1' };
    let s = await api(origin, 'POST', '/auth/login', cred);
    if (s.status >= 400) s = await api(origin, 'POST', '/auth/register', { ...cred, riskAck: true });
    return { 'zhice.user.accessToken': s.body.accessToken, 'zhice.user.refreshToken': s.body.refreshToken };
  }
  return {};
}
