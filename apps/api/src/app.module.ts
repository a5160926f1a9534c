import { createSecretKey } from 'node:crypto';
import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { APP_CONFIG, createLogger, requireJwtSecret, type AppConfig } from '@pactum/config';
import { DataSource } from 'typeorm';
import { AdminStore, InboxStore, PersistenceModule, UserStore } from '@pactum/persistence';
import { API_LOGGER } from './api.tokens';
import { ActionLinksController } from './action-links/action-links.controller';
import { ActionLinksService } from './action-links/action-links.service';
import { AuthController } from './auth/auth.controller';
import { AdminOrganizationsController } from './admin/admin-organizations.controller';
import { AdminOrganizationsService } from './admin/admin-organizations.service';
import { AdminUsersController } from './admin/admin-users.controller';
import { AdminUsersService } from './admin/admin-users.service';
import { AuthGuard } from './auth/auth.guard';
import { TokenStates } from './auth/token-states';
import { CheckoutModule } from './checkout/checkout.module';
import { ContractPreviewController } from './contracts/contract-preview.controller';
import { ContractPreviewService } from './contracts/contract-preview.service';
import { ContractsController } from './contracts/contracts.controller';
import { ContractsService } from './contracts/contracts.service';
import { ContractRequestsController } from './contract-requests/contract-requests.controller';
import { ContractRequestsService } from './contract-requests/contract-requests.service';
import { DelegationsController } from './delegations/delegations.controller';
import { ApiMailer } from './mail/api-mailer';
import { ApiExceptionFilter } from './errors/api-exception.filter';
import { HealthController } from './health/health.controller';
import { ExportsController } from './imports/exports.controller';
import { ExportsService } from './imports/exports.service';
import { ImportsController } from './imports/imports.controller';
import { ImportsService } from './imports/imports.service';
import { PriceRulesController } from './imports/price-rules.controller';
import { InboxController } from './inbox/inbox.controller';
import { InboxService } from './inbox/inbox.service';
import { ApiMetrics } from './metrics/metrics';
import { MetricsController } from './metrics/metrics.controller';
import { ReferenceDataModule } from './reference-data/reference-data.module';
import { TemporalClientModule } from './temporal/temporal-client.module';
import { StorableInputGuard } from './validation/storable-input.guard';
import { WebhooksController } from './webhooks/webhooks.controller';
import { DashboardController } from './dashboard/dashboard.controller';
import { AccountsController } from './accounts/accounts.controller';

@Module({})
class ApiConfigModule {
  static forConfig(config: AppConfig): DynamicModule {
    return {
      module: ApiConfigModule,
      global: true,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: API_LOGGER, useValue: createLogger('api', config.logLevel) },
        ApiMetrics,
      ],
      exports: [APP_CONFIG, API_LOGGER, ApiMetrics],
    };
  }
}

/** The HTTP application: controllers, auth, the Temporal client and Postgres. */
@Module({})
export class AppModule {
  static forConfig(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ApiConfigModule.forConfig(config),
        PersistenceModule,
        TemporalClientModule,
        CheckoutModule,
        ReferenceDataModule,
        // A KeyObject: given a string, jsonwebtoken first tries to parse it as a PEM public key on
        // every verify (a thrown exception per request), then makes the secret key.
        JwtModule.register({ secret: createSecretKey(Buffer.from(requireJwtSecret(config), 'utf8')), signOptions: { algorithm: 'HS256', issuer: 'pactum' }, verifyOptions: { algorithms: ['HS256'], issuer: 'pactum' } }),
      ],
      controllers: [
        AuthController, ContractPreviewController, ContractsController, ImportsController, ExportsController, PriceRulesController, InboxController,
        DelegationsController, ContractRequestsController, ActionLinksController, HealthController, MetricsController, WebhooksController, DashboardController, AccountsController,
        AdminUsersController, AdminOrganizationsController,
      ],
      providers: [
        ContractsService,
        ContractPreviewService,
        ImportsService,
        ExportsService,
        ContractRequestsService,
        ActionLinksService,
        ApiMailer,
        { provide: InboxStore, inject: [DataSource], useFactory: (ds: DataSource) => new InboxStore(ds) },
        InboxService,
        // One cache of token states: the AuthGuard reads it, the admin API forgets a user it changed.
        { provide: TokenStates, inject: [UserStore], useFactory: (users: UserStore) => new TokenStates(users) },
        { provide: AdminStore, inject: [DataSource], useFactory: (ds: DataSource) => new AdminStore(ds) },
        AdminUsersService,
        AdminOrganizationsService,
        { provide: APP_GUARD, useClass: AuthGuard },
        // After the AuthGuard (guards run in this order): input Postgres cannot store.
        { provide: APP_GUARD, useClass: StorableInputGuard },
        { provide: APP_FILTER, useClass: ApiExceptionFilter },
      ],
    };
  }
}
