import { Inject, Injectable, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import type { ApiProcessConfig } from '@docket/config';
import { API_CONFIG } from '../api.tokens';

/** Closes the Temporal connection when the API stops. */
@Injectable()
export class TemporalConnectionCloser implements OnApplicationShutdown {
  constructor(@Inject(Client) private readonly client: Client) {}

  async onApplicationShutdown(): Promise<void> {
    await this.client.connection.close();
  }
}

export const temporalClientProvider: Provider = {
  provide: Client,
  inject: [API_CONFIG],
  useFactory: async (config: ApiProcessConfig): Promise<Client> => {
    const connection = await Connection.connect({ address: config.temporal.address });
    return new Client({ connection, namespace: config.temporal.namespace });
  },
};
