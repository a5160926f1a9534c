import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CheckoutLedgerStore, CheckoutReturnsStore } from '@pactum/persistence';
import { CheckoutController } from './checkout.controller';
import { CheckoutService } from './checkout.service';
import { CheckoutSnapshotCache } from './checkout-snapshot.cache';

/** Checkout enforcement: the snapshot cache (built before the API listens), the ledger, the routes. */
@Module({
  controllers: [CheckoutController],
  providers: [
    CheckoutSnapshotCache,
    CheckoutService,
    { provide: CheckoutLedgerStore, inject: [DataSource], useFactory: (ds: DataSource) => new CheckoutLedgerStore(ds) },
    { provide: CheckoutReturnsStore, inject: [DataSource], useFactory: (ds: DataSource) => new CheckoutReturnsStore(ds) },
  ],
  exports: [CheckoutSnapshotCache, CheckoutLedgerStore],
})
export class CheckoutModule {}
