import type { NavDef, PageDef } from '../App';
import type { Session } from '../session';
import { ContractPage } from './ContractPage';
import { Dashboard } from './Dashboard';
import { Inbox } from './Inbox';
import { MyContracts } from './MyContracts';

const REP = ['account_rep', 'admin'];
const MANAGER = ['sales_manager'];
const READERS = ['account_rep', 'sales_manager', 'admin'];

/** Every page: its route, who may open it, what it shows. */
export const PAGES: PageDef[] = [
  { pattern: '/dashboard', roles: READERS, render: () => <Dashboard /> },
  { pattern: '/inbox', roles: MANAGER, render: () => <Inbox /> },
  { pattern: '/mine', roles: REP, render: () => <MyContracts /> },
  { pattern: '/contracts/:id', roles: READERS, render: ({ id }) => <ContractPage id={id} /> },
];

export const NAV: NavDef[] = [
  { href: '#/dashboard', label: 'Dashboard', roles: READERS },
  { href: '#/inbox', label: 'Inbox', roles: MANAGER },
  { href: '#/mine', label: 'My contracts', roles: REP },
];

/** The start page: what each user comes for first. */
export function HOME(s: Session) {
  if (s.roles.includes('sales_manager')) return <Inbox />;
  if (s.roles.includes('account_rep')) return <MyContracts />;
  return <Dashboard />;
}
