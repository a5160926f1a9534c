import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { APP_CONFIG, createLogger, requireJwtSecret, type AppConfig } from '../../../libs/config/src';
import { PersistenceModule } from '../../../libs/persistence/src/persistence.module';
import { API_LOGGER } from './api.tokens';
import { AuthController } from './auth/auth.controller';
import { AuthGuard } from './auth/auth.guard';
import { ContractsController } from './contracts/contracts.controller';
import { ContractsService } from './contracts/contracts.service';
import { ApiExceptionFilter } from './errors/api-exception.filter';
import { HealthController } from './health/health.controller';
import { ExportsController } from './imports/exports.controller';
import { ExportsService } from './imports/exports.service';
import { ImportsController } from './imports/imports.controller';
import { ImportsService } from './imports/imports.service';
import { PriceRulesController } from './imports/price-rules.controller';
import { InboxController } from './inbox/inbox.controller';
import { ApiMetrics } from './metrics/metrics';
import { MetricsController } from './metrics/metrics.controller';
import { TemporalClientModule } from './temporal/temporal-client.module';

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
        JwtModule.register({ secret: requireJwtSecret(config), signOptions: { algorithm: 'HS256', issuer: 'pactum' }, verifyOptions: { algorithms: ['HS256'], issuer: 'pactum' } }),
      ],
      controllers: [AuthController, ContractsController, ImportsController, ExportsController, PriceRulesController, InboxController, HealthController, MetricsController],
      providers: [
        ContractsService,
        ImportsService,
        ExportsService,
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: ApiExceptionFilter },
      ],
    };
  }
}
