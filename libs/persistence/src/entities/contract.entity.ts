import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** One version of a contract. The unique key is (code, origin, seller, major, minor). */
@Entity({ name: 'contracts' })
export class ContractEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ type: 'text' }) code!: string;
  @Column({ type: 'text', default: 'Manual' }) origin!: string;
  @Column({ name: 'seller_dn', type: 'text' }) sellerDn!: string;
  @Column({ name: 'version_major', type: 'int', default: 1 }) versionMajor!: number;
  @Column({ name: 'version_minor', type: 'int', default: 0 }) versionMinor!: number;
  @Column({ type: 'text' }) status!: string;
  @Column({ type: 'text', nullable: true }) description!: string | null;
  @Column({ type: 'char', length: 3 }) currency!: string;
  @Column({ name: 'starts_at', type: 'timestamptz' }) startsAt!: Date;
  @Column({ name: 'ends_at', type: 'timestamptz' }) endsAt!: Date;
  @Column({ name: 'is_base', type: 'boolean', default: false }) isBase!: boolean;
  @Column({ name: 'base_contract_id', type: 'uuid', nullable: true }) baseContractId!: string | null;
  @Column({ name: 'account_name', type: 'text', nullable: true }) accountName!: string | null;
  @Column({ type: 'text', nullable: true }) comment!: string | null;
  @Column({ name: 'credit_allowed', type: 'boolean', default: false }) creditAllowed!: boolean;
  @Column({ name: 'created_by', type: 'text' }) createdBy!: string;
  @Column({ type: 'text' }) owner!: string;
  @Column({ name: 'submitted_by', type: 'text', nullable: true }) submittedBy!: string | null;
  @Column({ name: 'workflow_id', type: 'text' }) workflowId!: string;
  /** Sequence number of the last lifecycle event applied; a retried older write never wins. */
  @Column({ name: 'state_seq', type: 'int', default: 1 }) stateSeq!: number;
  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true }) deletedAt!: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
