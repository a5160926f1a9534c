import { InitialSchema1764000000000 } from './1764000000000-initial-schema';
import { NormalisedTerms1764050000000 } from './1764050000000-normalised-terms';
import { MailOutboxAndActionLinks1764100000000 } from './1764100000000-mail-outbox-and-action-links';
import { CheckoutLedger1764200000000 } from './1764200000000-checkout-ledger';
import { ImportJobs1764300000000 } from './1764300000000-import-jobs';
import { InboxIndex1764400000000 } from './1764400000000-inbox-index';
import { DelegationsAndContractRequests1764500000000 } from './1764500000000-delegations-and-contract-requests';
import { AccountChangeNotify1764600000000 } from './1764600000000-account-change-notify';
import { ContractNotices1764700000000 } from './1764700000000-contract-notices';
import { ReferenceData1764800000000 } from './1764800000000-reference-data';
import { CurrencyRates1764900000000 } from './1764900000000-currency-rates';
import { AuthHardening1765000000000 } from './1765000000000-auth-hardening';
import { ObligationSpend1765500000000 } from './1765500000000-obligation-spend';
import { CheckoutReturns1766000000000 } from './1766000000000-checkout-returns';
import { ImportJobFormat1766200000000 } from './1766200000000-import-job-format';
import { Webhooks1766300000000 } from './1766300000000-webhooks';
import { PriceOffersSkuIndex1767000000000 } from './1767000000000-price-offers-sku-index';
import { CheckoutAnswerJson1767100000000 } from './1767100000000-checkout-answer-json';
import { ImportPartsUncompressed1767200000000 } from './1767200000000-import-parts-uncompressed';
import { DropRuntimeRows1767300000000 } from './1767300000000-drop-runtime-rows';

/** Every migration, in timestamp order. New ones are added here (and never edited once released). */
export const MIGRATIONS = [
  InitialSchema1764000000000, NormalisedTerms1764050000000, MailOutboxAndActionLinks1764100000000,
  CheckoutLedger1764200000000, ImportJobs1764300000000, InboxIndex1764400000000, DelegationsAndContractRequests1764500000000,
  AccountChangeNotify1764600000000, ContractNotices1764700000000, ReferenceData1764800000000,
  CurrencyRates1764900000000, AuthHardening1765000000000, ObligationSpend1765500000000,
  CheckoutReturns1766000000000, ImportJobFormat1766200000000, Webhooks1766300000000, PriceOffersSkuIndex1767000000000,
  CheckoutAnswerJson1767100000000, ImportPartsUncompressed1767200000000, DropRuntimeRows1767300000000,
];

// The first two by name: the terms tests migrate a database between them.
export { InitialSchema1764000000000, NormalisedTerms1764050000000 };
