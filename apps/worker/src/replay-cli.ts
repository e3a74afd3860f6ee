import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { ConfigError, loadPayloadEncryptionConfig, loadTemporalConfig, readOptionalString } from '@docket/config';
import { payloadCodecFor } from '@docket/payload-codec';
import {
  caseHistories,
  historyFile,
  listCaseIds,
  replayHistories,
  type HistoryToReplay,
  type ReplayVerdict,
} from '@docket/worker-runtime';
import { parseReplayArgs, REPLAY_USAGE, ReplayUsageError, type ReplaySelection } from './replay/replay-cli-args';

/**
 * `npm run replay -- …`: replays recorded histories against the workflow code of this build and
 * prints one line per run. For CI over history files, and for auditors with live cases or with the
 * files handed to them. Exit code 1 when any run does not replay deterministically, 2 on bad usage.
 */
async function main(argv: readonly string[]): Promise<number> {
  const options = parseReplayArgs(argv);
  // The replay workers' own start and stop are noise here; warnings and errors still show.
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const bundle = readOptionalString(process.env, 'WORKFLOW_BUNDLE_PATH') ?? join(__dirname, 'workflow-bundle.js');
  const workflowBundlePath = existsSync(bundle) ? bundle : undefined;
  // Encrypted histories need the workers' keys; plaintext history files replay without any.
  const payloadCodec =
    readOptionalString(process.env, 'PAYLOAD_KEYS') === undefined ? undefined : payloadCodecFor(loadPayloadEncryptionConfig(process.env));
  let connection: Connection | undefined;
  const missing: string[] = [];
  const unreadable: string[] = [];

  async function client(): Promise<Client> {
    const temporal = loadTemporalConfig(process.env);
    connection ??= await Connection.connect({ address: temporal.address });
    return new Client({ connection, namespace: temporal.namespace });
  }

  async function* histories(selection: ReplaySelection): AsyncGenerator<HistoryToReplay> {
    if (selection.kind === 'files') {
      for (const path of selection.paths) {
        const file = await historyFile(path).catch((error: unknown) => {
          unreadable.push(path);
          console.log(`UNREADABLE ${path}: ${error instanceof Error ? error.message : String(error)}`);
          return undefined;
        });
        if (file !== undefined) {
          yield file;
        }
      }
      return;
    }
    const temporal = await client();
    const caseIds =
      selection.kind === 'cases'
        ? selection.caseIds
        : await listCaseIds(temporal, selection.kind === 'closed' ? selection : {});
    for (const caseId of caseIds) {
      try {
        yield* await caseHistories(temporal, caseId);
      } catch (error) {
        missing.push(caseId);
        console.log(`MISSING   ${caseId}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }

  async function* repeated(): AsyncGenerator<HistoryToReplay> {
    for (let round = 0; round < options.repeat; round += 1) {
      yield* histories(options.selection);
    }
  }

  const print = (verdict: ReplayVerdict): void => {
    const run = `${verdict.label} (${verdict.workflowId}, run ${verdict.runId}, ${verdict.events} events)`;
    if (verdict.outcome === 'deterministic') {
      if (options.repeat === 1) {
        console.log(`ok        ${run}`);
      }
    } else if (verdict.outcome === 'diverged') {
      const at = verdict.divergentEventId === undefined ? '' : ` at event ${verdict.divergentEventId}`;
      console.log(`DIVERGED  ${run}${at}: ${verdict.reason}`);
    } else {
      console.log(`FAILED    ${run}: ${verdict.reason}`);
    }
  };

  try {
    const started = process.hrtime.bigint();
    const verdicts = await replayHistories(repeated(), {
      ...(workflowBundlePath === undefined ? {} : { workflowBundlePath }),
      concurrency: options.concurrency,
      ...(payloadCodec === undefined ? {} : { payloadCodec }),
      onVerdict: print,
    });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const count = (outcome: ReplayVerdict['outcome']) => verdicts.filter((verdict) => verdict.outcome === outcome).length;
    const events = verdicts.reduce((sum, verdict) => sum + verdict.events, 0);
    console.log(
      `${verdicts.length} histories (${events} events) in ${seconds.toFixed(2)} s, ${(verdicts.length / seconds).toFixed(1)} histories/s ` +
        `with ${options.concurrency} replay workers: ${count('deterministic')} deterministic, ${count('diverged')} diverged, ` +
        `${count('failed')} failed, ${missing.length} cases missing, ${unreadable.length} files unreadable; workflow code from ${workflowBundlePath ?? 'the sources'}`,
    );
    return verdicts.length === count('deterministic') && missing.length + unreadable.length === 0 ? 0 : 1;
  } finally {
    await connection?.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof ReplayUsageError || error instanceof ConfigError) {
      console.error(`${error.message}\n\n${REPLAY_USAGE}`);
      process.exitCode = 2;
    } else {
      console.error('replay failed:', error);
      process.exitCode = 1;
    }
  },
);
