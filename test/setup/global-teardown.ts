import './test-stack-env';

export default async function globalTeardown(): Promise<void> {
  await globalThis.__DOCKET_TEST_STACK__?.stop();
}
