import type { DataConverter, PayloadCodec } from '@temporalio/common';

/** The module Temporal loads the failure converter from, in the worker, the bundler and clients. */
export function failureConverterPath(): string {
  return require.resolve('./failure-converter');
}

/**
 * The data converter of every Docket process that talks to Temporal: payloads encrypted by the
 * codec, failure messages moved into encrypted payloads.
 */
export function docketDataConverter(codec: PayloadCodec): DataConverter {
  return { payloadCodecs: [codec], failureConverterPath: failureConverterPath() };
}
