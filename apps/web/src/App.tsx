import { useEffect, useState, type ReactNode } from 'react';
import { match, useRoute } from './router';
import { session, type Session } from './session';
import { MessageProvider, PageHeading } from './ui';
import { Login } from './pages/Login';

/** One page of the app: the pattern it answers, who may open it, and what it shows. */
export interface PageDef {
  pattern: string;
  roles?: string[];
  render: (params: Record<string, string>, path: string) => ReactNode;
}

/** A link in the bar, shown to the roles that can use its page. */
export interface NavDef { href: string; label: string; roles: string[] }

function useSession(): Session | null {
  const [s, setS] = useState(session.get());
  useEffect(() => session.subscribe((next) => setS(next)), []);
  return s;
}

const ROLE_NAMES: Record<string, string> = { sales_manager: 'sales manager', account_rep: 'account representative', integration: 'integration', admin: 'admin' };

export function App({ pages, nav, home }: { pages: PageDef[]; nav: NavDef[]; home: (s: Session) => ReactNode }) {
  const route = useRoute();
  const s = useSession();
  let content: ReactNode;
  if (!s) content = <Login />;
  else if (route === '/' || route === '') content = home(s);
  else {
    content = <NotFound />;
    for (const p of pages) {
      const params = match(p.pattern, route);
      if (!params) continue;
      content = p.roles && !p.roles.some((r) => s.roles.includes(r)) ? <Forbidden /> : p.render(params, route);
      break;
    }
  }
  const shownRoles = s ? s.roles.filter((r) => ROLE_NAMES[r]).map((r) => ROLE_NAMES[r]) : [];
  return (
    <>
      <a className="skip" href="#main" onClick={(e) => { e.preventDefault(); document.getElementById('main')?.focus(); }}>Skip to content</a>
      <header className="bar">
        <a className="brand" href="#/">Pactum</a>
        {s ? (
          <nav id="nav" aria-label="Main">
            <ul>
              {nav.filter((n) => n.roles.some((r) => s.roles.includes(r))).map((n) => (
                <li key={n.href}><a href={n.href} aria-current={route === n.href.slice(1) || route.startsWith(n.href.slice(1) + '/') ? 'page' : undefined}>{n.label}</a></li>
              ))}
            </ul>
          </nav>
        ) : null}
        <span className="spacer" />
        {s ? <span id="who">{s.user}{shownRoles.length ? ` (${shownRoles.join(', ')})` : ''}</span> : null}
        {s ? <button id="sign-out" type="button" onClick={() => { location.hash = '#/'; session.end(); }}>Sign out</button> : null}
      </header>
      <main id="main" tabIndex={-1}>
        {/* key: a new page starts with fresh state and takes the focus */}
        <MessageProvider route={route}><div key={s ? route : 'login'}>{content}</div></MessageProvider>
      </main>
    </>
  );
}

function NotFound() {
  return <section><PageHeading>Page not found</PageHeading><p><a href="#/">Go to the start page</a></p></section>;
}

function Forbidden() {
  return <section><PageHeading>Not available to you</PageHeading><p>Your roles do not include this page. <a href="#/">Go to the start page</a></p></section>;
}
