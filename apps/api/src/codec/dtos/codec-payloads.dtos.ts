import { ApiProperty } from '@nestjs/swagger';

const ENCRYPTED_EXAMPLE = {
  metadata: { encoding: 'YmluYXJ5L2VuY3J5cHRlZA==', 'encryption-key-id': 'cGF5bG9hZC0yMDI2' },
  data: 'q1c0a9m3rXh0bWzP2e1v5yJ0c0ZmN2Q5a2xKbXh0Zw==',
};
const DECODED_EXAMPLE = {
  metadata: { encoding: 'anNvbi9wbGFpbg==' },
  data: 'eyJjYXNlSWQiOiI2ZjFjMmE0ZS05YTU3LTRkMGItOGE1ZS0yYzFmMGQ3YjNlMTEifQ==',
};

/** One payload in the proto3 JSON form of the codec server protocol: every bytes field base64. */
export class CodecPayloadDto {
  @ApiProperty({
    description: 'Metadata, each value base64 (`encoding`, and for an encrypted payload `encryption-key-id`)',
    type: 'object',
    additionalProperties: { type: 'string', format: 'byte' },
    example: ENCRYPTED_EXAMPLE.metadata,
  })
  metadata!: Record<string, string>;

  @ApiProperty({ description: 'The payload bytes, base64', format: 'byte', example: ENCRYPTED_EXAMPLE.data })
  data!: string;
}

/** The body of a codec request and of its answer, as the Temporal UI and CLI send and read it. */
export class CodecPayloadsDto {
  @ApiProperty({ type: [CodecPayloadDto], example: [ENCRYPTED_EXAMPLE] })
  payloads!: CodecPayloadDto[];
}

export const CODEC_ENCRYPTED_EXAMPLE = { payloads: [ENCRYPTED_EXAMPLE] };
export const CODEC_DECODED_EXAMPLE = { payloads: [DECODED_EXAMPLE] };
