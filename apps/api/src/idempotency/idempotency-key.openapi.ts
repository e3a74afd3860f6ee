import type { OpenAPIObject, OperationObject } from '@nestjs/swagger';
import { IDEMPOTENCY_KEY_HEADER, IDEMPOTENCY_REPLAYED_HEADER } from './idempotency.interceptor';

const PARAMETER_NAME = 'IdempotencyKey';

/**
 * Documents the Idempotency-Key header on every POST and PUT that needs a token (the interceptor
 * applies globally, so no controller has to repeat an @ApiHeader).
 */
export function documentIdempotencyKey(document: OpenAPIObject): OpenAPIObject {
  document.components = {
    ...document.components,
    parameters: {
      ...document.components?.parameters,
      [PARAMETER_NAME]: {
        name: IDEMPOTENCY_KEY_HEADER,
        in: 'header',
        required: false,
        description:
          'Recommended on every POST and PUT: a unique key per intended request (1–200 characters of A-Z a-z 0-9 _ . : -), ' +
          `kept 24 hours per user. A retry with the same key and request gets the first answer again, with ${IDEMPOTENCY_REPLAYED_HEADER}: true, ` +
          'and changes nothing; the same key with another request is refused with 422 IDEMPOTENCY_KEY_REUSED; ' +
          'a retry while the first request is still being handled gets 409 IDEMPOTENCY_REQUEST_IN_PROGRESS.',
        schema: { type: 'string', minLength: 1, maxLength: 200, pattern: '^[A-Za-z0-9_.:-]+$' },
        example: '0b6c1f0e-3d2a-4f51-9f3e-2c7d8a1b9e40',
      },
    },
  };
  for (const path of Object.values(document.paths)) {
    for (const operation of [path.post, path.put]) {
      if (operation !== undefined && (operation.security?.length ?? 0) > 0) {
        addParameter(operation);
      }
    }
  }
  return document;
}

function addParameter(operation: OperationObject): void {
  operation.parameters = [...(operation.parameters ?? []), { $ref: `#/components/parameters/${PARAMETER_NAME}` }];
}
