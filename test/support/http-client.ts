/** A tiny JSON client for the end-to-end tests. */
export class HttpClient {
  constructor(readonly baseUrl: string, readonly token?: string) {}

  as(token: string): HttpClient {
    return new HttpClient(this.baseUrl, token);
  }

  async request<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: T; text: string }> {
    const res = await fetch(this.baseUrl + path, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: any = text;
    try { parsed = JSON.parse(text); } catch { /* not JSON */ }
    return { status: res.status, body: parsed as T, text };
  }

  get<T = any>(path: string) { return this.request<T>('GET', path); }
  post<T = any>(path: string, body?: unknown) { return this.request<T>('POST', path, body ?? {}); }

  async login(username: string, password = 'demo'): Promise<HttpClient> {
    const res = await this.post<{ accessToken: string }>('/api/v1/auth/token', { username, password });
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${res.text}`);
    return this.as(res.body.accessToken);
  }

  async waitForStatus(id: string, status: string, timeoutMs = 30_000): Promise<any> {
    const deadline = Date.now() + timeoutMs;
    let last: any;
    while (Date.now() < deadline) {
      last = (await this.get(`/api/v1/contracts/${id}`)).body;
      if (last?.status === status) return last;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`contract ${id} did not reach ${status} within ${timeoutMs} ms (last: ${last?.status})`);
  }
}

/** The answer, or an error naming the status and body when it is not `status`. */
export async function expectStatus<T extends { status: number; text: string }>(res: T, status = 200): Promise<T> {
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${res.text}`);
  return res;
}
