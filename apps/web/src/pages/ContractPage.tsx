import { PageHeading } from '../ui';

export function ContractPage({ id }: { id: string }) {
  return <section><PageHeading>Contract {id}</PageHeading></section>;
}
