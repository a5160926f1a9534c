import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A seller or buyer organisation, known by its distinguished name (e.g. "o=Acme,o=Root Organization"). */
@Entity({ name: 'organizations' })
export class OrganizationEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Index('organizations_dn_key', { unique: true }) @Column({ type: 'text' }) dn!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ name: 'parent_dn', type: 'text', nullable: true }) parentDn!: string | null;
  @Column({ name: 'requires_contract_approval', type: 'boolean', default: true }) requiresContractApproval!: boolean;
  @Column({ type: 'boolean', default: false }) mirrored!: boolean;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
