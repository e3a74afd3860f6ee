import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Client } from '@temporalio/client';
import { Public } from '../identity/bearer-auth.guard';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(@Inject(Client) private readonly client: Client) {}

  /** Up when the API answers and reaches the Temporal frontend. */
  @Get()
  @ApiOperation({ summary: 'Whether the API is up and reaches the Temporal frontend; no token needed' })
  @ApiOkResponse({ schema: { type: 'object', example: { status: 'ok', temporal: 'ok' } } })
  async health(): Promise<{ status: 'ok'; temporal: 'ok' | 'unreachable' }> {
    const temporal = await this.client.workflowService
      .getSystemInfo({})
      .then(() => 'ok' as const)
      .catch(() => 'unreachable' as const);
    return { status: 'ok', temporal };
  }
}
