import type { Provider } from '@nestjs/common';
import { IdentityRegistryRepository } from '@docket/persistence';
import { DataSource } from 'typeorm';
import { AgencyScopeService } from './agency-scope.service';
import { HandlerCertificatesService } from './handler-certificates.service';
import { RegisteredActorService } from './registered-actor.service';
import { RegistryService } from './registry.service';

/** The registry's providers, for the application module; AgencyScopeService is for any feature that lists cases. */
export const registryProviders: Provider[] = [
  { provide: IdentityRegistryRepository, inject: [DataSource], useFactory: (dataSource: DataSource) => new IdentityRegistryRepository(dataSource) },
  RegistryService,
  RegisteredActorService,
  AgencyScopeService,
  HandlerCertificatesService,
];
