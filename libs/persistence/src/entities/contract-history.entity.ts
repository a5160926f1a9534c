import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** The append-only audit trail. (contract_id, seq) makes a retried activity write it once. */
@Entity({ name: 'contract_history' })
@Unique('contract_history_contract_seq_key', ['contractId', 'seq'])
export class ContractHistoryEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ name: 'contract_id', type: 'uuid' }) contractId!: string;
  @Column({ type: 'int' }) seq!: number;
  @Column({ type: 'timestamptz' }) at!: Date;
  @Column({ type: 'text' }) actor!: string;
  @Column({ type: 'text' }) action!: string;
  @Column({ name: 'from_status', type: 'text', nullable: true }) fromStatus!: string | null;
  @Column({ name: 'to_status', type: 'text' }) toStatus!: string;
  @Column({ type: 'jsonb', nullable: true }) detail!: Record<string, unknown> | null;
}
