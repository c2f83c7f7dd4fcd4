// The workspace: header with the analyst and the downloads, and the page the hash route names
// (cluster list → cluster or operation → account; the audit log).
import type { Me } from '../../src/server/api-types';
import { downloadUrl } from './api';
import { useLoad } from './hooks/useLoad';
import { MeContext } from './hooks/useMe';
import { useRoute } from './hooks/useRoute';
import { AccountPage } from './pages/AccountPage';
import { AuditPage } from './pages/AuditPage';
import { ClusterListPage } from './pages/ClusterListPage';
import { ClusterPage } from './pages/ClusterPage';
import { OperationPage } from './pages/OperationPage';

/** The page of a route. */
function Page(props: { route: string[] }) {
  const [what, a, ...rest] = props.route;
  if (what === 'clusters' && a) return <ClusterPage key={a} id={Number(a)} />;
  if (what === 'operations' && a) return <OperationPage key={a} name={a} />;
  if (what === 'accounts' && a && rest.length > 0)
    return <AccountPage key={`${a}/${rest.join('/')}`} platform={a} accountId={rest.join('/')} />;
  if (what === 'audit') return <AuditPage />;
  return <ClusterListPage />;
}

/** The workspace app. */
export function App() {
  const route = useRoute();
  const me = useLoad<Me>('/api/me').data?.reviewer ?? null;
  return (
    <MeContext.Provider value={me}>
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
      <header>
        <a href="#/" className="home">
          unmask workspace
        </a>
        <nav aria-label="workspace">
          {me && <span data-testid="me">signed in as {me}</span>}
          <a href="#/audit">audit log</a>
          <a href={downloadUrl('takedown')} data-testid="download-takedown">
            takedown CSV
          </a>
          <a href={downloadUrl('stix')}>STIX</a>
          <a href={downloadUrl('gexf')}>GEXF</a>
          <a href={downloadUrl('report')}>report</a>
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        <Page route={route} />
      </main>
    </MeContext.Provider>
  );
}
