import { parseReplayArgs, ReplayUsageError } from './replay-cli-args';

describe('the replay command line', () => {
  it('reads case ids given apart or comma-separated, with the concurrency', () => {
    expect(parseReplayArgs(['--cases', 'a', 'b,c', '--concurrency', '4'])).toEqual({
      selection: { kind: 'cases', caseIds: ['a', 'b', 'c'] },
      concurrency: 4,
      repeat: 1,
    });
  });

  it('reads a closing period and files', () => {
    expect(parseReplayArgs(['--closed-from', '2026-01-01', '--closed-to', '2026-07-01']).selection).toEqual({
      kind: 'closed',
      closedFrom: new Date('2026-01-01T00:00:00.000Z'),
      closedTo: new Date('2026-07-01T00:00:00.000Z'),
    });
    expect(parseReplayArgs(['--files', 'x.json', 'y.json', '--repeat', '200'])).toMatchObject({
      selection: { kind: 'files', paths: ['x.json', 'y.json'] },
      repeat: 200,
    });
    expect(parseReplayArgs(['--all']).selection).toEqual({ kind: 'all' });
  });

  it.each([
    [[], /exactly one/],
    [['--all', '--cases', 'a'], /exactly one/],
    [['--cases'], /at least one/],
    [['--closed-from', 'yesterday'], /--closed-from: expected a date/],
    [['--closed-from', '2026-07-01', '--closed-to', '2026-01-01'], /--closed-to: must be after/],
    [['--all', '--concurrency', '0'], /--concurrency: expected a positive whole number/],
    [['--all', 'stray'], /unexpected argument stray/],
    [['--everything'], /unknown option --everything/],
  ])('refuses %j, naming what is wrong', (argv, message) => {
    expect(() => parseReplayArgs(argv)).toThrow(ReplayUsageError);
    expect(() => parseReplayArgs(argv)).toThrow(message);
  });
});
