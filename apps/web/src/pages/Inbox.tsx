import { PageHeading } from '../ui';

export function Inbox() {
  return <section><PageHeading>Inbox</PageHeading></section>;
}
