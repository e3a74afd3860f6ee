import { Inject, Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import {
  caseStateQuery,
  caseWorkflowId,
  clueTransferStateQuery,
  clueTransferUpdates,
  judicialTransferStateQuery,
  judicialTransferUpdates,
  transferWorkflowId,
} from '@docket/contracts';
import {
  CLUE_TRANSFER_COMMAND_TYPES,
  DomainError,
  DomainErrorCode,
  JUDICIAL_TRANSFER_COMMAND_TYPES,
  Role,
  canReadCase,
  type Actor,
  type AnyTransferState,
  type ClueTransferCommandType,
  type JudicialTransferCommandType,
  type TransferKind,
} from '@docket/domain';

import { splitExpectedVersion } from '../common/action-body';
import { fromTemporalError } from '../temporal/temporal-errors';
import { assertWithinTemporalLimits } from '../temporal/payload-size';
import { AgencyScopeService } from '../registry/agency-scope.service';

/** Steps of a case's transfers (domain.md §3), sent to the transfer's own child workflow. */
@Injectable()
export class TransferService {
  constructor(
    @Inject(Client) private readonly client: Client,
    @Inject(AgencyScopeService) private readonly agencyScope: AgencyScopeService,
  ) {}

  async read(caseId: string, kind: TransferKind, actor: Actor): Promise<AnyTransferState> {
    const transfer = await this.query(caseId, kind);
    if (!(await this.mayRead(caseId, transfer, actor))) {
      throw new DomainError(DomainErrorCode.CaseNotFound, `no ${kind.replace('_', ' ')} of case ${caseId}`);
    }
    return transfer;
  }

  async act(caseId: string, kind: TransferKind, action: string, actor: Actor, body: Record<string, unknown>): Promise<AnyTransferState> {
    const { payload, expectedVersion } = splitExpectedVersion(body);
    const request = { actor, payload, ...(expectedVersion === undefined ? {} : { expectedVersion }) };
    // Whoever may not read the transfer learns nothing of it, not even which step is whose (404).
    if (!(await this.mayRead(caseId, await this.query(caseId, kind), actor))) {
      throw new DomainError(DomainErrorCode.CaseNotFound, `no ${kind.replace('_', ' ')} of case ${caseId}`);
    }
    assertWithinTemporalLimits(this.client.options.loadedDataConverter.payloadConverter, [request], payload);
    const handle = this.client.workflow.getHandle(transferWorkflowId(caseId, kind));
    const type = action.replace(/-/g, '_');
    try {
      if (kind === 'clue_transfer') {
        if (!(CLUE_TRANSFER_COMMAND_TYPES as readonly string[]).includes(type)) {
          throw unknownStep(action);
        }
        return await handle.executeUpdate<AnyTransferState, [typeof request]>(clueTransferUpdates[type as ClueTransferCommandType].name, { args: [request] });
      }
      if (!(JUDICIAL_TRANSFER_COMMAND_TYPES as readonly string[]).includes(type)) {
        throw unknownStep(action);
      }
      return await handle.executeUpdate<AnyTransferState, [typeof request]>(judicialTransferUpdates[type as JudicialTransferCommandType].name, {
        args: [request],
      });
    } catch (error) {
      throw translate(error, caseId, kind);
    }
  }

  private async query(caseId: string, kind: TransferKind): Promise<AnyTransferState> {
    const handle = this.client.workflow.getHandle(transferWorkflowId(caseId, kind));
    try {
      return kind === 'clue_transfer' ? await handle.query(clueTransferStateQuery) : await handle.query(judicialTransferStateQuery);
    } catch (error) {
      throw translate(error, caseId, kind);
    }
  }

  /** The case's own agency and the auditors supervising it; and the inspector of the body the clue went to. */
  private async mayRead(caseId: string, transfer: AnyTransferState, actor: Actor): Promise<boolean> {
    if (actor.role === Role.Inspector) {
      return transfer.kind === 'clue_transfer' && transfer.transfer?.receivingBody.id === actor.agencyId;
    }
    const parent = await this.client.workflow
      .getHandle(caseWorkflowId(caseId))
      .query(caseStateQuery)
      .catch(() => undefined);
    return parent !== undefined && canReadCase(parent, actor, await this.agencyScope.readableAgencyIds(actor));
  }
}

function unknownStep(action: string): DomainError {
  return new DomainError(DomainErrorCode.InvalidInput, `action: no transfer step named ${action}`, 'action');
}

function translate(error: unknown, caseId: string, kind: TransferKind): Error {
  return fromTemporalError(error, () => new DomainError(DomainErrorCode.CaseNotFound, `no ${kind.replace('_', ' ')} of case ${caseId}`));
}
