import { BusinessAccountEntity } from './business-account.entity';
import { ContractDeploymentEntity } from './contract-deployment.entity';
import { ContractHistoryEntity } from './contract-history.entity';
import { ContractEntity } from './contract.entity';
import { MailOutboxEntity } from './mail-outbox.entity';
import { OrganizationEntity } from './organization.entity';
import { ProductEntity } from './product.entity';
import { UserEntity } from './user.entity';

export {
  BusinessAccountEntity, ContractDeploymentEntity, ContractHistoryEntity, ContractEntity, OrganizationEntity, ProductEntity, UserEntity,
  MailOutboxEntity,
};
export type { MailOutboxStatus } from './mail-outbox.entity';

// Buyers, terms and their child rows are read and written with set-based SQL (libs/persistence/src/terms).
export const ENTITIES = [
  BusinessAccountEntity, ContractDeploymentEntity, ContractHistoryEntity, ContractEntity, OrganizationEntity, ProductEntity, UserEntity,
  MailOutboxEntity,
];
