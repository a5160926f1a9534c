import { PageHeading } from '../ui';

export function MyContracts() {
  return <section><PageHeading>MyContracts</PageHeading></section>;
}
