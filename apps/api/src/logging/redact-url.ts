/** Query parameters whose values are credentials wherever they appear. */
const SECRET_PARAMS = /^(token|access_token|id_token|refresh_token|signature|sig|password|passwd|secret|api_key|apikey|key|auth|authorization|jwt)$/i;

/**
 * A request URL as it may be logged: the signed token of an action link (`/actions/<token>`, a
 * credential for as long as it is valid) and the values of credential-like query parameters are
 * replaced with `[redacted]`.
 */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  const redactedPath = path.replace(/^(\/actions\/)[^/?#]+/i, '$1[redacted]');
  if (q < 0) return redactedPath;
  const query = url.slice(q + 1).split('&').map((pair) => {
    const eq = pair.indexOf('=');
    const name = eq < 0 ? pair : pair.slice(0, eq);
    let decoded = name;
    try { decoded = decodeURIComponent(name); } catch { /* keep the raw name */ }
    return eq >= 0 && SECRET_PARAMS.test(decoded) ? `${name}=[redacted]` : pair;
  }).join('&');
  return `${redactedPath}?${query}`;
}
