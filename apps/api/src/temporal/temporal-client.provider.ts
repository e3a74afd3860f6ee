import { Inject, Injectable, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import type { PayloadCodec } from '@temporalio/common';
import type { ApiProcessConfig } from '@docket/config';
import { docketDataConverter } from '@docket/payload-codec';
import { API_CONFIG } from '../api.tokens';
import { PAYLOAD_CODEC } from '../codec/payload-codec.provider';

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
  inject: [API_CONFIG, PAYLOAD_CODEC],
  useFactory: async (config: ApiProcessConfig, payloadCodec: PayloadCodec): Promise<Client> => {
    const connection = await Connection.connect({ address: config.temporal.address });
    // Case data and failure messages reach the Temporal server encrypted; only holders of PAYLOAD_KEYS read them.
    return new Client({ connection, namespace: config.temporal.namespace, dataConverter: docketDataConverter(payloadCodec) });
  },
};
