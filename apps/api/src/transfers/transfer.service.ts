import { Inject, Injectable } from '@nestjs/common';
import { Client, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
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
  isDomainErrorCode,
  type Actor,
  type AnyTransferState,
  type ClueTransferCommandType,
  type JudicialTransferCommandType,
  type TransferKind,
} from '@docket/domain';

/** Steps of a case's transfers (domain.md §3), sent to the transfer's own child workflow. */
@Injectable()
export class TransferService {
  constructor(@Inject(Client) private readonly client: Client) {}

  async read(caseId: string, kind: TransferKind, actor: Actor): Promise<AnyTransferState> {
    const transfer = await this.query(caseId, kind);
    if (!(await this.mayRead(caseId, transfer, actor))) {
      throw new DomainError(DomainErrorCode.CaseNotFound, `no ${kind.replace('_', ' ')} of case ${caseId}`);
    }
    return transfer;
  }

  async act(caseId: string, kind: TransferKind, action: string, actor: Actor, body: Record<string, unknown>): Promise<AnyTransferState> {
    const { expectedVersion, ...payload } = body;
    if (expectedVersion !== undefined && (typeof expectedVersion !== 'number' || !Number.isInteger(expectedVersion) || expectedVersion < 1)) {
      throw new DomainError(DomainErrorCode.InvalidInput, 'expectedVersion: must be a positive integer', 'expectedVersion');
    }
    const request = { actor, payload, ...(expectedVersion === undefined ? {} : { expectedVersion }) };
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

  /** The case's own agency and supervision staff; and the inspector of the body the clue went to. */
  private async mayRead(caseId: string, transfer: AnyTransferState, actor: Actor): Promise<boolean> {
    if (actor.role === Role.Inspector) {
      return transfer.kind === 'clue_transfer' && transfer.transfer?.receivingBody.id === actor.agencyId;
    }
    const parent = await this.client.workflow
      .getHandle(caseWorkflowId(caseId))
      .query(caseStateQuery)
      .catch(() => undefined);
    return parent !== undefined && canReadCase(parent, actor);
  }
}

function unknownStep(action: string): DomainError {
  return new DomainError(DomainErrorCode.InvalidInput, `action: no transfer step named ${action}`, 'action');
}

function translate(error: unknown, caseId: string, kind: TransferKind): Error {
  if (error instanceof DomainError) {
    return error;
  }
  if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure && isDomainErrorCode(error.cause.type)) {
    const detail = error.cause.details?.[0] as { field?: unknown } | undefined;
    return new DomainError(error.cause.type, error.cause.message, typeof detail?.field === 'string' ? detail.field : undefined);
  }
  if (error instanceof WorkflowNotFoundError) {
    return new DomainError(DomainErrorCode.CaseNotFound, `no ${kind.replace('_', ' ')} of case ${caseId}`);
  }
  return error instanceof Error ? error : new Error(String(error));
}
