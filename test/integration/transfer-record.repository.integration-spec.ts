import type { DataSource } from 'typeorm';
import { createTransferRecordActivities } from '@docket/activities';
import { transferWorkflowId } from '@docket/contracts';
import {
  PRC_WORKING_CALENDAR_YEARS,
  applyJudicialTransferCommand,
  createWorkingCalendar,
  startJudicialTransfer,
  type JudicialTransferEvent,
  type JudicialTransferState,
} from '@docket/domain';
import { TransferEventConflictError, TransferRecordRepository } from '@docket/persistence';
import { actors } from '../support/case-fixtures';
import { connectDatabase } from '../support/database';
import { judicialSteps, judicialTransferInput, registerParentCase, transferEventRows } from '../support/transfer-fixtures';

const calendar = createWorkingCalendar(PRC_WORKING_CALENDAR_YEARS);

describe('transfer record in PostgreSQL', () => {
  let dataSource: DataSource;
  let repository: TransferRecordRepository;

  beforeAll(async () => {
    dataSource = await connectDatabase();
    repository = new TransferRecordRepository(dataSource);
  });

  afterAll(async () => {
    await dataSource.destroy();
  });

  type Step = { readonly state: JudicialTransferState; readonly event: JudicialTransferEvent };

  async function reportedAndApproved(): Promise<{ first: Step; second: Step }> {
    const caseId = await registerParentCase(dataSource, '2026-03-01T08:00:00.000Z');
    const input = judicialTransferInput(caseId);
    const first = startJudicialTransfer(
      { ...input, transferId: transferWorkflowId(caseId, 'judicial_transfer') },
      input.reportedBy,
      '2026-03-02T01:00:00.000Z',
      calendar,
    );
    const second = applyJudicialTransferCommand(first.state, { type: 'approve_transfer', ...judicialSteps.approve }, {
      actor: actors.headWang,
      now: '2026-03-03T01:00:00.000Z',
      calendar,
    });
    return { first, second };
  }

  it('a retried activity writes its event once', async () => {
    const { first } = await reportedAndApproved();
    const activities = createTransferRecordActivities({ transferRecords: repository });
    await activities.recordTransferEvent({ event: first.event, state: first.state });
    await activities.recordTransferEvent({ event: first.event, state: first.state });
    await expect(repository.recordEvent(first.event, first.state)).resolves.toBe('already-recorded');
    expect(await transferEventRows(dataSource, first.state.transferId)).toHaveLength(1);
  });

  it('a late retry of an older step never rolls the projection back', async () => {
    const { first, second } = await reportedAndApproved();
    await repository.recordEvent(first.event, first.state);
    await repository.recordEvent(second.event, second.state);
    await repository.recordEvent(first.event, first.state);
    expect(await repository.findTransfer(first.state.transferId)).toMatchObject({ status: 'approved', version: 2, kind: 'judicial_transfer' });
    expect(await repository.listTransfersOfCase(first.state.parentCaseId)).toHaveLength(1);
  });

  it('refuses a different event under a sequence already taken', async () => {
    const { first, second } = await reportedAndApproved();
    await repository.recordEvent(first.event, first.state);
    await expect(repository.recordEvent({ ...second.event, sequence: 1 }, second.state)).rejects.toBeInstanceOf(TransferEventConflictError);
  });

  it('keeps transfer_events append-only and a transfer tied to an existing case', async () => {
    const { first } = await reportedAndApproved();
    await repository.recordEvent(first.event, first.state);
    await expect(
      dataSource.query(`UPDATE transfer_events SET actor_id = 'someone-else' WHERE transfer_id = $1`, [first.state.transferId]),
    ).rejects.toThrow(/append-only/);
    await expect(dataSource.query('DELETE FROM transfer_events WHERE transfer_id = $1', [first.state.transferId])).rejects.toThrow(
      /append-only/,
    );
    const orphan = { ...first.state, transferId: 'case-00000000-0000-4000-8000-000000000000/judicial-transfer', parentCaseId: '00000000-0000-4000-8000-000000000000' };
    await expect(repository.recordEvent({ ...first.event, transferId: orphan.transferId }, orphan)).rejects.toThrow(/foreign key/);
  });
});
