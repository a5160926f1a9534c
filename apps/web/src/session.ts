/** Who is signed in: the API token and roles, kept for the browser tab (sessionStorage). */
export type Role = 'account_rep' | 'sales_manager' | 'admin' | 'integration' | 'order_service' | string;
export interface Session { token: string; user: string; roles: Role[] }

const KEY = 'pactum.session';
type Listener = (s: Session | null, message?: string) => void;
const listeners = new Set<Listener>();

function read(): Session | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

let current = read();

export const session = {
  get: (): Session | null => current,
  start(s: Session): void {
    current = s;
    sessionStorage.setItem(KEY, JSON.stringify(s));
    for (const l of listeners) l(current);
  },
  end(message?: string): void {
    current = null;
    sessionStorage.removeItem(KEY);
    for (const l of listeners) l(null, message);
  },
  subscribe(l: Listener): () => void {
    listeners.add(l);
    return () => { listeners.delete(l); };
  },
  has: (role: Role): boolean => Boolean(current?.roles.includes(role)),
};
