import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Client as PgClient } from 'pg';
import { Gauge } from 'prom-client';
import { DataSource } from 'typeorm';
import { APP_CONFIG, requireDatabaseUrl, type AppConfig, type Logger } from '@pactum/config';
import { isUuid, memberGroupDirectory, type BuyerMemo, type CompiledProductSet, type OrganizationDirectory, type PricingSnapshot } from '@pactum/domain';
import {
  CONTRACTS_CHANNEL, LivePricingSnapshot, REFERENCE_DATA_CHANNEL, loadCurrencyRates, loadDeployedContracts, loadMemberships, loadPriceLists, loadProductSets,
} from '@pactum/persistence';
import { API_LOGGER } from '../api.tokens';
import { ApiMetrics } from '../metrics/metrics';

/** Notifications arriving within this window are read together (one query set for a burst of changes). */
const COALESCE_MS = 5;
const RECONNECT_MIN_MS = 100;
const RECONNECT_MAX_MS = 5_000;

export interface SnapshotBuildFigures {
  contracts: number;
  offers: number;
  buyerKeys: number;
  priceLists: number;
  productSets: number;
  memberships: number;
  ms: number;
  heapUsedMiB: number;
  rssMiB: number;
}

/**
 * The compiled pricing snapshot of this API process. Built before the process listens (Nest
 * awaits onApplicationBootstrap before `listen`), then kept fresh from Postgres NOTIFY on a
 * dedicated connection: each notified contract is re-read and patched in (or taken out). After a
 * lost connection it reconnects and rebuilds everything, since notifications may have been missed.
 *
 * Reference data follows the same way on its own channel: a changed price list is re-read into
 * the snapshot, a changed product set is re-read and the contracts naming it are recompiled, and
 * changed member groups replace the organisation directory (and the per-buyer memo).
 */
@Injectable()
export class CheckoutSnapshotCache implements OnApplicationBootstrap, OnApplicationShutdown {
  private live = new LivePricingSnapshot();
  private orgs: OrganizationDirectory & { readonly memberships: number } = memberGroupDirectory([]);
  private listener?: PgClient;
  private stopped = false;
  private readonly pending = new Set<string>();
  private readonly pendingPriceLists = new Set<string>();
  private readonly pendingProductSets = new Set<string>();
  private memberGroupsChanged = false;
  private currencyRatesChanged = false;
  private fullRebuildWanted = false;
  private chain: Promise<void> = Promise.resolve();
  private flushTimer?: NodeJS.Timeout;
  private reconnectDelay = RECONNECT_MIN_MS;
  private readonly gauges: Record<'contracts' | 'offers' | 'buildSeconds' | 'buildHeap', Gauge>;
  lastBuild?: SnapshotBuildFigures;
  /** Increments on every applied refresh (tests and metrics). */
  version = 0;

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(API_LOGGER) private readonly log: Logger,
    @Inject(ApiMetrics) metrics: ApiMetrics,
  ) {
    const gauge = (name: string, help: string) => new Gauge({ name, help, registers: [metrics.registry] });
    this.gauges = {
      contracts: gauge('pactum_checkout_snapshot_contracts', 'Live contracts in the checkout snapshot'),
      offers: gauge('pactum_checkout_snapshot_offers', 'Custom price-list offers in the checkout snapshot'),
      buildSeconds: gauge('pactum_checkout_snapshot_build_seconds', 'Duration of the last full snapshot build'),
      buildHeap: gauge('pactum_checkout_snapshot_build_heap_bytes', 'Heap used after the last full snapshot build'),
    };
  }

  get snapshot(): PricingSnapshot {
    return this.live.snapshot;
  }

  /** Ancestors and member groups of buyer organisations, as of the last reference-data change. */
  get directory(): OrganizationDirectory {
    return this.orgs;
  }

  /** The named product sets the snapshot's contracts are compiled against. */
  get productSets(): ReadonlyMap<string, CompiledProductSet> {
    return this.live.compiledProductSets;
  }

  /** The per-buyer memo of the current snapshot (cleared whenever it is patched). */
  get buyerMemo(): BuyerMemo {
    return this.live.buyerMemo;
  }

  async onApplicationBootstrap(): Promise<void> {
    // Listen first: a change committed while the snapshot is being built is applied right after.
    await this.connectListener();
    await this.serially(async () => { await this.rebuild(); });
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.flushTimer);
    await this.listener?.end().catch(() => undefined);
    await this.chain;
  }

  /** Reads every live contract into a fresh snapshot and swaps it in. */
  async rebuild(): Promise<SnapshotBuildFigures> {
    const started = performance.now();
    const next = new LivePricingSnapshot();
    // Reference data first: contracts compile against the product sets.
    const orgs = memberGroupDirectory(await loadMemberships(this.dataSource));
    for (const [name, definition] of await loadProductSets(this.dataSource)) next.setProductSet(name, definition);
    for (const [name, rows] of await loadPriceLists(this.dataSource)) next.setPriceList(name, rows);
    next.setCurrencyRates(await loadCurrencyRates(this.dataSource));
    await loadDeployedContracts(this.dataSource, (batch) => next.upsert(batch));
    this.live = next;
    this.orgs = orgs;
    this.version++;
    const mem = process.memoryUsage();
    const figures: SnapshotBuildFigures = {
      ...next.size, memberships: orgs.memberships, ms: Math.round(performance.now() - started),
      heapUsedMiB: Math.round(mem.heapUsed / 2 ** 20), rssMiB: Math.round(mem.rss / 2 ** 20),
    };
    this.lastBuild = figures;
    this.gauges.contracts.set(figures.contracts);
    this.gauges.offers.set(figures.offers);
    this.gauges.buildSeconds.set(figures.ms / 1000);
    this.gauges.buildHeap.set(mem.heapUsed);
    this.log.info({ ...figures, warnings: next.snapshot.warnings.length }, 'checkout snapshot built');
    return figures;
  }

  private async connectListener(): Promise<void> {
    const client = new PgClient({ connectionString: requireDatabaseUrl(this.config), application_name: 'pactum-api-checkout-listener' });
    client.on('notification', (n) => {
      if (n.channel === CONTRACTS_CHANNEL && n.payload && isUuid(n.payload)) this.enqueue(n.payload.toLowerCase());
      else if (n.channel === REFERENCE_DATA_CHANNEL && n.payload) this.enqueueReference(n.payload);
    });
    client.on('error', (err) => this.lost(client, err));
    client.on('end', () => this.lost(client));
    await client.connect();
    await client.query(`LISTEN ${CONTRACTS_CHANNEL}; LISTEN ${REFERENCE_DATA_CHANNEL}`);
    this.listener = client;
    this.reconnectDelay = RECONNECT_MIN_MS;
  }

  private lost(client: PgClient, err?: Error): void {
    if (this.stopped || this.listener !== client) return;
    this.listener = undefined;
    this.log.warn({ err }, 'checkout listener lost its connection; reconnecting');
    client.end().catch(() => undefined);
    const retry = () => {
      if (this.stopped) return;
      this.connectListener().then(() => {
        this.log.info('checkout listener reconnected; rebuilding the snapshot');
        this.fullRebuildWanted = true;
        this.schedule();
      }, (e) => {
        this.log.warn({ err: e }, 'checkout listener reconnect failed');
        this.reconnectDelay = Math.min(this.reconnectDelay * 2, RECONNECT_MAX_MS);
        setTimeout(retry, this.reconnectDelay).unref();
      });
    };
    setTimeout(retry, this.reconnectDelay).unref();
  }

  private enqueue(contractId: string): void {
    this.pending.add(contractId);
    this.schedule();
  }

  /** `member-groups`, `price-list:NAME`, `product-set:NAME` or `currency-rates` (see the reference-data migrations). */
  private enqueueReference(payload: string): void {
    if (payload === 'member-groups') this.memberGroupsChanged = true;
    else if (payload === 'currency-rates') this.currencyRatesChanged = true;
    else if (payload.startsWith('price-list:')) this.pendingPriceLists.add(payload.slice('price-list:'.length));
    else if (payload.startsWith('product-set:')) this.pendingProductSets.add(payload.slice('product-set:'.length));
    else return;
    this.schedule();
  }

  private schedule(): void {
    if (this.flushTimer || this.stopped) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined;
      void this.flush();
    }, COALESCE_MS);
  }

  /** Refreshes run one after the other; ids arriving meanwhile are read by the next one (after their change committed). */
  private flush(): Promise<void> {
    return this.serially(async () => {
      try {
        if (this.fullRebuildWanted) {
          this.fullRebuildWanted = false;
          this.pending.clear();
          this.pendingPriceLists.clear();
          this.pendingProductSets.clear();
          this.memberGroupsChanged = false;
          this.currencyRatesChanged = false;
          await this.rebuild();
          return;
        }
        const recompile = await this.refreshReferenceData();
        const ids = [...new Set([...this.pending, ...recompile])];
        this.pending.clear();
        if (ids.length) await this.refresh(ids);
      } catch (err) {
        this.log.error({ err }, 'checkout snapshot refresh failed; rebuilding');
        this.fullRebuildWanted = true;
        setTimeout(() => this.schedule(), RECONNECT_MIN_MS).unref();
      }
    });
  }

  private serially(task: () => Promise<void>): Promise<void> {
    const run = this.chain.then(task);
    this.chain = run.catch(() => undefined);
    return run;
  }

  /** Applies pending reference-data changes; returns the contracts to recompile (they name a changed product set). */
  private async refreshReferenceData(): Promise<string[]> {
    const live = this.live;
    const recompile: string[] = [];
    const changed = this.memberGroupsChanged || this.currencyRatesChanged || this.pendingPriceLists.size > 0 || this.pendingProductSets.size > 0;
    if (this.memberGroupsChanged) {
      this.memberGroupsChanged = false;
      this.orgs = memberGroupDirectory(await loadMemberships(this.dataSource));
      live.buyerMemo.clear();
    }
    if (this.currencyRatesChanged) {
      this.currencyRatesChanged = false;
      live.setCurrencyRates(await loadCurrencyRates(this.dataSource));
    }
    if (this.pendingPriceLists.size) {
      const names = [...this.pendingPriceLists];
      this.pendingPriceLists.clear();
      for (const [name, rows] of await loadPriceLists(this.dataSource, names)) live.setPriceList(name, rows);
    }
    if (this.pendingProductSets.size) {
      const names = [...this.pendingProductSets];
      this.pendingProductSets.clear();
      const sets = await loadProductSets(this.dataSource, names);
      for (const name of names) recompile.push(...live.setProductSet(name, sets.get(name)));
    }
    if (changed) this.version++;
    return recompile;
  }

  /** Re-reads these contracts: live ones are replaced, the others taken out. */
  async refresh(ids: string[]): Promise<void> {
    const seen = new Set<string>();
    const live = this.live;
    await loadDeployedContracts(this.dataSource, (batch) => {
      for (const c of batch) seen.add(c.id);
      live.upsert(batch);
    }, { ids });
    live.remove(ids.filter((id) => !seen.has(id)));
    this.version++;
    this.gauges.contracts.set(live.size.contracts);
    this.gauges.offers.set(live.size.offers);
    this.log.debug({ ids }, 'checkout snapshot refreshed');
  }
}
