import { Body, Controller, Headers, HttpCode, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Role, type Actor } from '@docket/domain';
import type { JsonPayload } from '@docket/payload-codec';
import { HistoryReadLog } from '../audit/history-read-log.service';
import { AllowedRoles } from '../identity/allowed-roles.decorator';
import { RequestActor } from '../identity/request-actor.decorator';
import { CodecService } from './codec.service';
import { CODEC_DECODED_EXAMPLE, CODEC_ENCRYPTED_EXAMPLE, CodecPayloadsDto } from './dtos/codec-payloads.dtos';

/**
 * The codec server of the Temporal UI and CLI ("remote codec": `POST {endpoint}/decode` and
 * `/encode`, body `{payloads:[…]}` in proto3 JSON). The Temporal server stores case data only
 * encrypted; this lets the UI show it decrypted to someone Docket trusts with every agency's
 * cases. A payload does not say which case it belongs to, so no per-case or per-agency check is
 * possible: only auditors (supervision staff, 执法监督) are let through. The UI must pass the
 * user's access token (codec "pass access token") and its origin must be in API_CORS_ORIGINS.
 */
@ApiTags('codec')
@ApiBearerAuth()
@Controller('codec')
@AllowedRoles(Role.Auditor)
export class CodecController {
  constructor(
    private readonly codec: CodecService,
    private readonly reads: HistoryReadLog,
  ) {}

  @Post('decode')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Decrypt Temporal payloads for the Temporal UI or CLI (auditors)',
    description:
      'The codec server protocol: each payload Docket encrypted (`encoding` binary/encrypted) is answered with the payload it ' +
      'encrypted; any other payload is answered as sent. A payload under a key the API does not hold, or altered, answers ' +
      '422 PAYLOAD_NOT_DECRYPTABLE and decrypts nothing. Every answered decryption is in the read log (history_reads, ' +
      'kind codec-decode: who, how many payloads, the namespace named by X-Namespace, when).',
  })
  @ApiBody({ type: CodecPayloadsDto, examples: { encrypted: { value: CODEC_ENCRYPTED_EXAMPLE } } })
  @ApiOkResponse({ type: CodecPayloadsDto, example: CODEC_DECODED_EXAMPLE })
  @ApiBadRequestResponse({ description: 'INVALID_INPUT naming the malformed field (not base64, not an array, too many payloads)' })
  @ApiForbiddenResponse({ description: 'ROLE_NOT_PERMITTED for every role but auditor' })
  @ApiUnprocessableEntityResponse({ description: 'PAYLOAD_NOT_DECRYPTABLE: a payload under a key not held here, or altered' })
  async decode(
    @Body() body: unknown,
    @RequestActor() actor: Actor,
    @Headers('x-namespace') namespace: string | undefined,
  ): Promise<{ payloads: JsonPayload[] }> {
    const decoded = await this.codec.decode(body);
    // In the read log before anything decrypted is handed over: a decryption that cannot be logged is not answered.
    await this.reads.recordCodecDecode(actor, namespace?.slice(0, 200), decoded.payloads.length);
    return decoded;
  }

  @Post('encode')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Encrypt payloads for the Temporal UI or CLI (auditors)',
    description: 'The codec server protocol: each payload is answered encrypted with the current payload key (PAYLOAD_KEY_ID).',
  })
  @ApiBody({ type: CodecPayloadsDto, examples: { plain: { value: CODEC_DECODED_EXAMPLE } } })
  @ApiOkResponse({ type: CodecPayloadsDto, example: CODEC_ENCRYPTED_EXAMPLE })
  @ApiBadRequestResponse({ description: 'INVALID_INPUT naming the malformed field' })
  @ApiForbiddenResponse({ description: 'ROLE_NOT_PERMITTED for every role but auditor' })
  encode(@Body() body: unknown): Promise<{ payloads: JsonPayload[] }> {
    return this.codec.encode(body);
  }
}
