import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A buyer participant, with its own dates and an active flag (switch a buyer off without touching the contract). */
@Entity({ name: 'contract_buyers' })
export class ContractBuyerEntity {
  @PrimaryColumn({ name: 'contract_id', type: 'uuid' }) contractId!: string;
  @PrimaryColumn({ name: 'organization_dn', type: 'text' }) organizationDn!: string;
  @Column({ type: 'int' }) position!: number;
  @Column({ name: 'starts_at', type: 'timestamptz', nullable: true }) startsAt!: Date | null;
  @Column({ name: 'ends_at', type: 'timestamptz', nullable: true }) endsAt!: Date | null;
  @Column({ type: 'boolean', default: true }) active!: boolean;
}
