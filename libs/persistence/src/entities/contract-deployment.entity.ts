import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Runtime record of a deployed contract version: written once per deploy, in the deploy transaction. */
@Entity({ name: 'contract_deployments' })
export class ContractDeploymentEntity {
  @PrimaryColumn({ name: 'contract_id', type: 'uuid' }) contractId!: string;
  @Column({ name: 'deployed_at', type: 'timestamptz' }) deployedAt!: Date;
  @Column({ name: 'deploy_seq', type: 'int' }) deploySeq!: number;
  @Column({ name: 'terms_count', type: 'int' }) termsCount!: number;
  @Column({ name: 'buyers_count', type: 'int' }) buyersCount!: number;
}
