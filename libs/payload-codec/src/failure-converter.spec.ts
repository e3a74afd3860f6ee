import { randomBytes } from 'node:crypto';
import { ApplicationFailure, defaultPayloadConverter, type FailureConverter } from '@temporalio/common';
import { AesGcmPayloadCodec } from './aes-gcm-payload.codec';
import { docketDataConverter, failureConverterPath } from './data-converter';
import { payloadKeyring } from './payload-keyring';

describe('failures handed to Temporal', () => {
  const codec = new AesGcmPayloadCodec(payloadKeyring('k1', new Map([['k1', randomBytes(32)]])));
  const message = 'duplicate key value violates unique constraint: (party_id_number)=(110101199003074512) 张三';
  let failureConverter: FailureConverter;

  beforeAll(() => {
    // What the worker and the workflow bundle load, by the path every Docket process is given.
    const path = docketDataConverter(codec).failureConverterPath ?? failureConverterPath();
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded by path, as Temporal loads it
    ({ failureConverter } = require(path) as { failureConverter: FailureConverter });
  });

  it('carry no message or stack trace in clear, only in a payload that the codec encrypts', async () => {
    const failure = failureConverter.errorToFailure(ApplicationFailure.nonRetryable(message, 'RecordFailed'), defaultPayloadConverter);
    expect(failure.message).toBe('Encoded failure');
    expect(failure.stackTrace ?? '').toBe('');
    expect(failure.encodedAttributes).toBeDefined();

    const [encrypted] = await codec.encode([failure.encodedAttributes ?? {}]);
    const stored = Buffer.from(encrypted.data ?? []).toString('latin1');
    expect(stored).not.toContain('110101199003074512');
    expect(stored).not.toContain('duplicate key');
  });

  it('come back whole for whoever holds the key', async () => {
    const failure = failureConverter.errorToFailure(ApplicationFailure.nonRetryable(message, 'RecordFailed'), defaultPayloadConverter);
    const [encrypted] = await codec.encode([failure.encodedAttributes ?? {}]);
    const [decrypted] = await codec.decode([encrypted]);
    const error = failureConverter.failureToError({ ...failure, encodedAttributes: decrypted }, defaultPayloadConverter);
    expect(error).toBeInstanceOf(ApplicationFailure);
    expect(error.message).toBe(message);
    expect((error as ApplicationFailure).type).toBe('RecordFailed');
  });
});
