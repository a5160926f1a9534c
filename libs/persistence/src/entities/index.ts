import { BusinessAccountEntity } from './business-account.entity';
import { ContractBuyerEntity } from './contract-buyer.entity';
import { ContractDeploymentEntity } from './contract-deployment.entity';
import { ContractHistoryEntity } from './contract-history.entity';
import { ContractTermEntity } from './contract-term.entity';
import { ContractEntity } from './contract.entity';
import { MailOutboxEntity } from './mail-outbox.entity';
import { OrganizationEntity } from './organization.entity';
import { ProductEntity } from './product.entity';
import { UserEntity } from './user.entity';

export {
  BusinessAccountEntity, ContractBuyerEntity, ContractDeploymentEntity, ContractHistoryEntity,
  ContractTermEntity, ContractEntity, OrganizationEntity, ProductEntity, UserEntity,
  MailOutboxEntity,
};
export type { MailOutboxStatus } from './mail-outbox.entity';

export const ENTITIES = [
  BusinessAccountEntity, ContractBuyerEntity, ContractDeploymentEntity, ContractHistoryEntity,
  ContractTermEntity, ContractEntity, OrganizationEntity, ProductEntity, UserEntity,
  MailOutboxEntity,
];
