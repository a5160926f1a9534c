import type { NavDef, PageDef } from '../App';
import type { Session } from '../session';
import { AdminOrganizations } from '../admin/AdminOrganizations';
import { AdminUsers } from '../admin/AdminUsers';
import { ReferenceData } from '../admin/ReferenceData';
import { ContractEditor } from '../contracts/ContractEditor';
import { ContractsList } from '../contracts/ContractsList';
import { Imports } from '../imports/Imports';
import { ContractPage } from './ContractPage';
import { Dashboard } from './Dashboard';
import { Delegations } from './Delegations';
import { Inbox } from './Inbox';
import { LegacyContractLink } from './LegacyContractLink';
import { MyContracts } from './MyContracts';

const REP = ['account_rep', 'admin'];
const MANAGER = ['sales_manager'];
const READERS = ['account_rep', 'sales_manager', 'admin'];
const LOADERS = ['integration', 'admin'];
const ADMIN = ['admin'];

/** Every page: its route, who may open it, what it shows. */
export const PAGES: PageDef[] = [
  { pattern: '/dashboard', roles: READERS, render: () => <Dashboard /> },
  { pattern: '/inbox', roles: MANAGER, render: () => <Inbox /> },
  { pattern: '/mine', roles: REP, render: () => <MyContracts /> },
  { pattern: '/contracts', roles: READERS, render: (_p, path) => <ContractsList path={path} /> },
  { pattern: '/contracts/new', roles: REP, render: (_p, path) => <ContractEditor path={path} /> },
  { pattern: '/contracts/:id/edit', roles: REP, render: ({ id }, path) => <ContractEditor id={id} path={path} /> },
  { pattern: '/imports', roles: LOADERS, render: (_p, path) => <Imports path={path} /> },
  { pattern: '/contracts/:id', roles: READERS, render: ({ id }) => <ContractPage id={id} /> },
  { pattern: '/delegations', roles: MANAGER, render: () => <Delegations /> },
  { pattern: '/admin/users', roles: ADMIN, render: () => <AdminUsers /> },
  { pattern: '/admin/organizations', roles: ADMIN, render: () => <AdminOrganizations /> },
  { pattern: '/admin/reference-data', roles: ADMIN, render: () => <ReferenceData /> },
  // Mails sent before the app linked to /inbox#contract/<id> (/inbox now redirects to /).
  { pattern: 'contract/:id', render: ({ id }) => <LegacyContractLink id={id} /> },
];

export const NAV: NavDef[] = [
  { href: '#/dashboard', label: 'Dashboard', roles: READERS },
  { href: '#/inbox', label: 'Inbox', roles: MANAGER },
  { href: '#/mine', label: 'My contracts', roles: REP },
  { href: '#/contracts', label: 'Contracts', roles: READERS },
  { href: '#/imports', label: 'Imports', roles: LOADERS },
  { href: '#/delegations', label: 'Delegations', roles: MANAGER },
  { href: '#/admin/users', label: 'Users', roles: ADMIN },
  { href: '#/admin/organizations', label: 'Organisations', roles: ADMIN },
  { href: '#/admin/reference-data', label: 'Reference data', roles: ADMIN },
];

/** The start page: what each user comes for first. */
export function HOME(s: Session) {
  if (s.roles.includes('sales_manager')) return <Inbox />;
  if (s.roles.includes('account_rep')) return <MyContracts />;
  if (s.roles.includes('integration')) return <Imports path="/imports" />;
  return <Dashboard />;
}
