import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MemberGroupStore, PriceListStore, ProductSetStore } from '../../../../libs/persistence/src';
import { MemberGroupsController } from './member-groups.controller';
import { PriceListsController } from './price-lists.controller';
import { ProductSetsController } from './product-sets.controller';

/** Member groups, price lists and product sets: the reference data contract terms name. */
@Module({
  controllers: [MemberGroupsController, PriceListsController, ProductSetsController],
  providers: [
    { provide: MemberGroupStore, inject: [DataSource], useFactory: (ds: DataSource) => new MemberGroupStore(ds) },
    { provide: PriceListStore, inject: [DataSource], useFactory: (ds: DataSource) => new PriceListStore(ds) },
    { provide: ProductSetStore, inject: [DataSource], useFactory: (ds: DataSource) => new ProductSetStore(ds) },
  ],
})
export class ReferenceDataModule {}
