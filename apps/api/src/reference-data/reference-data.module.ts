import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CurrencyRateStore, MemberGroupStore, PriceListStore, ProductSetStore } from '@pactum/persistence';
import { CurrencyRatesController } from './currency-rates.controller';
import { MemberGroupsController } from './member-groups.controller';
import { PriceListsController } from './price-lists.controller';
import { ProductSetsController } from './product-sets.controller';

/** Member groups, price lists, product sets and exchange rates: the reference data checkout reads besides contracts. */
@Module({
  controllers: [MemberGroupsController, PriceListsController, ProductSetsController, CurrencyRatesController],
  providers: [
    { provide: MemberGroupStore, inject: [DataSource], useFactory: (ds: DataSource) => new MemberGroupStore(ds) },
    { provide: PriceListStore, inject: [DataSource], useFactory: (ds: DataSource) => new PriceListStore(ds) },
    { provide: ProductSetStore, inject: [DataSource], useFactory: (ds: DataSource) => new ProductSetStore(ds) },
    { provide: CurrencyRateStore, inject: [DataSource], useFactory: (ds: DataSource) => new CurrencyRateStore(ds) },
  ],
})
export class ReferenceDataModule {}
