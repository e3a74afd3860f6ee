import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { CaseVerification, HistoryCheck, SealCheck, VerificationProblem, VerificationProblemKind } from '../case-verification';

const PROBLEM_KINDS: readonly VerificationProblemKind[] = ['changed', 'missing', 'extra', 'broken_link'];

export class VerificationProblemDto implements VerificationProblem {
  @ApiProperty({ description: 'The sequence of the event in the case (1 is the registration)', example: 4 })
  sequence!: number;

  @ApiProperty({
    enum: PROBLEM_KINDS,
    description:
      '`changed`: the row’s content is not what the history recorded, or does not give its stored hash; `missing`: the ' +
      'history (or the sequence) has an event the table lacks; `extra`: the table has a row the history never recorded, or ' +
      'one after the seal; `broken_link`: the row’s prev_hash is not the hash of the row before it',
    example: 'changed',
  })
  kind!: VerificationProblemKind;

  @ApiProperty({ description: 'What was found, naming fields, never their values', example: 'differs from the history in actorId, data' })
  detail!: string;
}

export class HistoryCheckDto implements HistoryCheck {
  @ApiProperty({ description: 'Whether the rows were checked against the Temporal history; false once Temporal no longer keeps it', example: true })
  checked!: boolean;

  @ApiProperty({ description: 'Runs of the case workflow read, followed through continue-as-new', example: 1 })
  runs!: number;

  @ApiProperty({ type: [Number], description: 'Events whose recording is still under way: not judged', example: [] })
  pending!: number[];

  @ApiPropertyOptional({ description: 'Why the history was not checked', example: undefined })
  detail?: string;
}

export class SealCheckDto implements SealCheck {
  @ApiProperty({ example: true })
  present!: boolean;

  @ApiProperty({
    type: Boolean,
    nullable: true,
    description: 'The seal’s digest is the seal key’s over the chain head, which is the hash of the last row; null without a seal or when sealed with a key this server does not hold',
    example: true,
  })
  valid!: boolean | null;

  @ApiProperty({ description: 'The case is archived, so its record should carry a seal', example: true })
  expected!: boolean;

  @ApiPropertyOptional({ example: 'seal-2026' })
  keyId?: string;

  @ApiPropertyOptional({ example: '2026-06-30T02:00:05.120Z' })
  sealedAt?: string;

  @ApiPropertyOptional({ description: 'The sequence of the archiving event the seal covers', example: 14 })
  lastSequence?: number;

  @ApiPropertyOptional({ description: 'What is wrong with the seal, or why it is missing', example: undefined })
  detail?: string;
}

export class CaseVerificationDto implements CaseVerification {
  @ApiProperty({ example: '6f1c2a4e-9a57-4d0b-8a5e-2c1f0d7b3e11' })
  caseId!: string;

  @ApiProperty({ description: 'No problem found and the seal, if any, is valid', example: false })
  verified!: boolean;

  @ApiProperty({ description: 'The case_events rows found', example: 14 })
  rows!: number;

  @ApiProperty({ type: [VerificationProblemDto], description: 'At most one per sequence, in sequence order' })
  problems!: VerificationProblemDto[];

  @ApiProperty({ type: HistoryCheckDto })
  history!: HistoryCheckDto;

  @ApiProperty({ type: SealCheckDto })
  seal!: SealCheckDto;
}

export const CASE_VERIFICATION_EXAMPLE: CaseVerification = {
  caseId: '6f1c2a4e-9a57-4d0b-8a5e-2c1f0d7b3e11',
  verified: false,
  rows: 14,
  problems: [
    { sequence: 4, kind: 'changed', detail: 'differs from the history in data; the row’s content does not give its stored hash' },
    { sequence: 7, kind: 'missing', detail: 'the history records event 7 (legal_review_decided); case_events has no row for it' },
    { sequence: 15, kind: 'extra', detail: 'case_events has a case_resumed row the history never recorded; recorded after the seal at 14' },
  ],
  history: { checked: true, runs: 1, pending: [] },
  seal: {
    present: true,
    valid: false,
    expected: true,
    keyId: 'seal-2026',
    sealedAt: '2026-06-30T02:00:05.120Z',
    lastSequence: 14,
    detail: '1 row(s) follow the sealed head',
  },
};
