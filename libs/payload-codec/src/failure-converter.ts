import { DefaultFailureConverter } from '@temporalio/common';

/**
 * Failures as Docket hands them to Temporal: the message and stack trace travel in an encoded
 * payload (which the payload codec then encrypts) instead of in clear, since an error message can
 * quote case data (a database error naming a party, say). The server keeps "Encoded failure".
 *
 * Loaded by path (failureConverterPath) so that the worker's main thread and the workflow bundle
 * use the same converter. It imports nothing but @temporalio/common: it runs in the workflow sandbox.
 */
export const failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
