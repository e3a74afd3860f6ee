/** What `npm run replay` is asked to replay, and how. */
export type ReplaySelection =
  | { readonly kind: 'cases'; readonly caseIds: readonly string[] }
  | { readonly kind: 'closed'; readonly closedFrom?: Date; readonly closedTo?: Date }
  | { readonly kind: 'all' }
  | { readonly kind: 'files'; readonly paths: readonly string[] };

export interface ReplayCliOptions {
  readonly selection: ReplaySelection;
  readonly concurrency: number;
  /** Replays the selection this many times over: a throughput measurement, not an audit. */
  readonly repeat: number;
}

export class ReplayUsageError extends Error {}

export const REPLAY_USAGE = `usage: npm run replay -- <what> [--concurrency N] [--repeat N]
  --cases <id> [<id> …]                      the cases' lifecycle runs and their transfers, from Temporal
  --closed-from <time> [--closed-to <time>]  every case whose workflow completed in [from, to)
  --all                                      every case Temporal lists
  --files <path> [<path> …]                  history files (temporal workflow show --output json)
Temporal from TEMPORAL_ADDRESS and TEMPORAL_NAMESPACE; workflow code from WORKFLOW_BUNDLE_PATH or the built bundle.
Exit code 1 when any history does not replay deterministically.`;

function positiveInteger(flag: string, value: string | undefined): number {
  const parsed = Number(value);
  if (value === undefined || !Number.isInteger(parsed) || parsed < 1) {
    throw new ReplayUsageError(`${flag}: expected a positive whole number, got ${value ?? 'nothing'}`);
  }
  return parsed;
}

function instant(flag: string, value: string | undefined): Date {
  const parsed = value === undefined ? Number.NaN : Date.parse(value);
  if (Number.isNaN(parsed)) {
    throw new ReplayUsageError(`${flag}: expected a date or timestamp (ISO 8601), got ${value ?? 'nothing'}`);
  }
  return new Date(parsed);
}

/** Reads the command line; exactly one selection, with its values. */
export function parseReplayArgs(argv: readonly string[]): ReplayCliOptions {
  const lists: Record<'--cases' | '--files', string[]> = { '--cases': [], '--files': [] };
  const selections = new Set<string>();
  let closedFrom: Date | undefined;
  let closedTo: Date | undefined;
  let concurrency = 2;
  let repeat = 1;
  let collecting: '--cases' | '--files' | undefined;

  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index];
    if (!arg.startsWith('--')) {
      if (collecting === undefined) {
        throw new ReplayUsageError(`unexpected argument ${arg}`);
      }
      lists[collecting].push(...arg.split(',').filter((item) => item !== ''));
      continue;
    }
    collecting = undefined;
    switch (arg) {
      case '--cases':
      case '--files':
        selections.add(arg);
        collecting = arg;
        break;
      case '--all':
        selections.add(arg);
        break;
      case '--closed-from':
        selections.add('--closed');
        index += 1;
        closedFrom = instant(arg, argv[index]);
        break;
      case '--closed-to':
        selections.add('--closed');
        index += 1;
        closedTo = instant(arg, argv[index]);
        break;
      case '--concurrency':
        index += 1;
        concurrency = positiveInteger(arg, argv[index]);
        break;
      case '--repeat':
        index += 1;
        repeat = positiveInteger(arg, argv[index]);
        break;
      default:
        throw new ReplayUsageError(`unknown option ${arg}`);
    }
  }

  if (selections.size !== 1) {
    throw new ReplayUsageError('name exactly one of --cases, --closed-from/--closed-to, --all, --files');
  }
  const [selected] = selections;
  const selection = ((): ReplaySelection => {
    switch (selected) {
      case '--cases':
        return { kind: 'cases', caseIds: lists['--cases'] };
      case '--files':
        return { kind: 'files', paths: lists['--files'] };
      case '--closed':
        if (closedFrom !== undefined && closedTo !== undefined && closedFrom >= closedTo) {
          throw new ReplayUsageError('--closed-to: must be after --closed-from');
        }
        return { kind: 'closed', ...(closedFrom === undefined ? {} : { closedFrom }), ...(closedTo === undefined ? {} : { closedTo }) };
      default:
        return { kind: 'all' };
    }
  })();
  if ((selection.kind === 'cases' && selection.caseIds.length === 0) || (selection.kind === 'files' && selection.paths.length === 0)) {
    throw new ReplayUsageError(`${selected}: name at least one`);
  }
  return { selection, concurrency, repeat };
}
