import { PageHeading } from '../ui';

export function Dashboard() {
  return <section><PageHeading>Dashboard</PageHeading></section>;
}
