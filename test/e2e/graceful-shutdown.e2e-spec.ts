import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import { actors } from '../support/case-fixtures';
import { tokenFor } from '../support/auth-tokens';
import { startDocket, type DocketStack } from '../support/docket-processes';
import { asUser } from '../support/http-client';
import { testStack, uniqueTaskQueue } from '../support/test-stack';

const PDF = Buffer.from(`%PDF-1.4\n${'0 0 obj << >> endobj\n'.repeat(2000)}%%EOF\n`);

/**
 * A stopping API finishes what it is doing: SIGTERM arrives while an upload is still streaming in,
 * the upload is answered 201 and stored, new connections are refused, and the process exits by
 * itself within its timeout. (The worker's drain is the Temporal runtime's shutdownGraceTime.)
 */
describe('graceful shutdown of the API', () => {
  let docket: DocketStack | undefined;

  const start = async (timeoutMs: number): Promise<DocketStack> => {
    docket = await startDocket({
      databaseUrl: testStack.databaseUrl(),
      temporalAddress: testStack.temporalAddress(),
      taskQueue: uniqueTaskQueue('shutdown'),
      env: { API_SHUTDOWN_TIMEOUT_MS: String(timeoutMs) },
    });
    return docket;
  };

  afterEach(async () => {
    await docket?.stop();
    docket = undefined;
  });

  /** A case of the fixture handler's, and the pieces of a multipart upload of evidence to it. */
  async function uploadTarget(apiUrl: string) {
    const caseId = randomUUID();
    const registered = await asUser(apiUrl, actors.handlerLi).post('/cases', {
      caseId,
      source: 'complaint',
      summary: 'Complaint: expired food on sale',
      party: { type: 'organization', name: '上海某某食品有限公司' },
    });
    expect(registered.status).toBe(201);
    const boundary = `docket-${randomUUID()}`;
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="description"\r\n\r\nRecorded while the API stopped\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="record.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
    );
    const body = Buffer.concat([head, PDF, Buffer.from(`\r\n--${boundary}--\r\n`)]);
    const url = new URL(`${apiUrl}/cases/${caseId}/attachments`);
    return {
      body,
      open: (onAnswer: (status: number) => void, onError: (error: Error) => void) => {
        const upload = request(
          {
            host: url.hostname,
            port: url.port,
            path: url.pathname,
            method: 'POST',
            headers: {
              authorization: `Bearer ${tokenFor(actors.handlerLi)}`,
              'content-type': `multipart/form-data; boundary=${boundary}`,
              'content-length': String(body.length),
            },
          },
          (response) => {
            response.resume();
            response.on('end', () => onAnswer(response.statusCode ?? 0));
          },
        );
        upload.on('error', onError);
        return upload;
      },
    };
  }

  it('cuts a request still open when the shutdown timeout runs out, and exits all the same', async () => {
    const stack = await start(500);
    const target = await uploadTarget(stack.apiUrl);
    const outcome = new Promise<string>((resolve) => {
      const upload = target.open((status) => resolve(`answered ${status}`), (error) => resolve(`cut: ${error.message}`));
      // Half the body, and never the rest: a client that stalls.
      upload.write(target.body.subarray(0, target.body.length / 2));
      void delay(300).then(() => stack.api.signal('SIGTERM'));
    });
    expect(await outcome).toMatch(/^cut: /);
    await stack.api.exited;
    expect(stack.api.output()).toContain('shutdown timeout: closing the connections still open');
  });

  it('answers a request in flight at SIGTERM, refuses new connections, and exits cleanly', async () => {
    const stack = await start(20_000);
    const target = await uploadTarget(stack.apiUrl);
    const status = await new Promise<number>((resolve, reject) => {
      const upload = target.open(resolve, reject);
      // Half the body now; the rest after the API has been told to stop.
      upload.write(target.body.subarray(0, target.body.length / 2));
      void (async () => {
        await delay(300);
        stack.api.signal('SIGTERM');
        await delay(700);
        upload.end(target.body.subarray(target.body.length / 2));
      })();
    });
    expect(status).toBe(201);
    const exit = await stack.api.exited;
    expect(exit.signal === 'SIGTERM' || exit.code === 0).toBe(true);
    await expect(fetch(`${stack.apiUrl}/health`)).rejects.toThrow();
    expect(stack.api.output()).toContain('SIGTERM: finishing requests in flight');
  });
});
