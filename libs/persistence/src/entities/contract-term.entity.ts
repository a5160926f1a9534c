import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A term and condition of a contract; its parameters are kept as given (decimal strings stay strings). */
@Entity({ name: 'contract_terms' })
export class ContractTermEntity {
  @PrimaryColumn({ name: 'contract_id', type: 'uuid' }) contractId!: string;
  @PrimaryColumn({ name: 'sequence_number', type: 'int' }) sequenceNumber!: number;
  @Column({ type: 'text' }) type!: string;
  @Column({ type: 'jsonb', default: () => "'{}'" }) parameters!: Record<string, unknown>;
}
