import { useEffect, useState } from 'react';
import { DEMO_KEYS } from './demo-keys';
import { roleById, ROLES } from './roles';
import { SessionContext, type Session } from './session';
import { SearchView } from './views/SearchView';
import { CustomerView } from './views/CustomerView';
import { ReviewView } from './views/ReviewView';
import { SegmentsView } from './views/SegmentsView';

const STORAGE = 'c360.customer-page.session';

/** Routes: #/ (search), #/customer/<id>, #/customer/<id>/graph, #/review, #/segments. */
function useRoute(): string[] {
  const read = () =>
    (window.location.hash.replace(/^#\/?/, '') || '').split('/').filter(Boolean).map(decodeURIComponent);
  const [route, setRoute] = useState(read);
  useEffect(() => {
    const onChange = () => setRoute(read());
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

function SignIn({ onSignIn }: { onSignIn: (s: Session) => void }) {
  const [roleId, setRoleId] = useState(ROLES[0]!.id);
  const [key, setKey] = useState('');
  return (
    <main className="signin" id="main">
      <h1>Customer page</h1>
      <p>Choose your view and sign in with its API key.</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const role = roleById(roleId)!;
          const session = { role, apiKey: key.trim() || DEMO_KEYS[role.id]! };
          sessionStorage.setItem(STORAGE, JSON.stringify({ role: role.id, apiKey: session.apiKey }));
          onSignIn(session);
        }}
      >
        <fieldset>
          <legend>View</legend>
          {ROLES.map((role) => (
            <label key={role.id} className="role">
              <input
                type="radio"
                name="role"
                value={role.id}
                checked={roleId === role.id}
                onChange={() => setRoleId(role.id)}
              />
              <strong>{role.label}</strong> <span className="muted">— {role.description}</span>
            </label>
          ))}
        </fieldset>
        <label htmlFor="api-key">API key (leave empty for the demo key of this view)</label>
        <input id="api-key" type="password" value={key} onChange={(e) => setKey(e.target.value)} autoComplete="off" />
        <button type="submit">Sign in</button>
      </form>
    </main>
  );
}

export function App() {
  const [session, setSession] = useState<Session | null>(() => {
    try {
      const saved = JSON.parse(sessionStorage.getItem(STORAGE) ?? 'null') as { role: string; apiKey: string } | null;
      const role = roleById(saved?.role);
      return role && saved ? { role, apiKey: saved.apiKey } : null;
    } catch {
      return null;
    }
  });
  const route = useRoute();
  if (!session) return <SignIn onSignIn={setSession} />;
  const [page, id, sub] = route;
  return (
    <SessionContext.Provider value={session}>
      <a
        className="skip"
        href="#main"
        onClick={(e) => {
          e.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        Skip to content
      </a>
      <header className="top">
        <a href="#/" className="brand">
          c360 · Customer page
        </a>
        <nav aria-label="Main">
          <a href="#/" aria-current={!page ? 'page' : undefined}>
            Search
          </a>
          {session.role.steward && (
            <a href="#/review" aria-current={page === 'review' ? 'page' : undefined}>
              Match review
            </a>
          )}
          {session.role.marketer && (
            <a href="#/segments" aria-current={page === 'segments' ? 'page' : undefined}>
              Segments
            </a>
          )}
        </nav>
        <span className="who">
          {session.role.label}
          {!session.role.pii && <span className="badge">personal data masked</span>}
        </span>
        <button
          type="button"
          className="link"
          onClick={() => {
            sessionStorage.removeItem(STORAGE);
            setSession(null);
          }}
        >
          Switch view
        </button>
      </header>
      <main id="main" tabIndex={-1}>
        {page === 'customer' && id ? (
          <CustomerView key={id} id={id} tab={sub === 'graph' ? 'graph' : 'overview'} />
        ) : page === 'review' && session.role.steward ? (
          <ReviewView />
        ) : page === 'segments' && session.role.marketer ? (
          <SegmentsView />
        ) : (
          <SearchView />
        )}
      </main>
    </SessionContext.Provider>
  );
}
