import { ConfigError } from './config-error';
import { loadApiProcessConfig, loadWorkerProcessConfig } from './docket-config';

function configErrorOf(action: () => unknown): ConfigError {
  try {
    action();
  } catch (error) {
    if (error instanceof ConfigError) {
      return error;
    }
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('configuration', () => {
  const DATABASE_URL = 'postgres://u:p@h:5432/d';

  it('fills in the local defaults', () => {
    expect(loadApiProcessConfig({ DATABASE_URL })).toEqual({
      api: { host: '127.0.0.1', port: 3000, bodyLimitBytes: 262_144 },
      temporal: { address: 'localhost:7233', namespace: 'default', taskQueue: 'docket-cases' },
      database: { url: DATABASE_URL },
      logLevel: 'info',
    });
  });

  it('stops on a bad value with a message naming the variable', () => {
    expect(configErrorOf(() => loadApiProcessConfig({ DATABASE_URL, API_PORT: '80a' })).message).toBe(
      'API_PORT: must be a port number from 0 to 65535, got "80a"',
    );
    expect(configErrorOf(() => loadApiProcessConfig({ DATABASE_URL, TEMPORAL_ADDRESS: 'temporal' })).variable).toBe('TEMPORAL_ADDRESS');
    expect(configErrorOf(() => loadApiProcessConfig({ DATABASE_URL, LOG_LEVEL: 'loud' })).variable).toBe('LOG_LEVEL');
  });

  it.each([
    ['worker', loadWorkerProcessConfig],
    ['API', loadApiProcessConfig],
  ])('requires DATABASE_URL for the %s and never echoes it back', (_process, load) => {
    expect(configErrorOf(() => load({})).message).toBe('DATABASE_URL: is required');
    const secretUrl = 'mysql://admin:s3cret@db:3306/docket';
    const error = configErrorOf(() => load({ DATABASE_URL: secretUrl }));
    expect(error.variable).toBe('DATABASE_URL');
    expect(error.message).not.toContain('s3cret');
  });

  it('passes a prebuilt workflow bundle to the worker', () => {
    const config = loadWorkerProcessConfig({ DATABASE_URL: 'postgres://u:p@h:5432/d', WORKFLOW_BUNDLE_PATH: '/app/bundle.js' });
    expect(config.worker).toEqual({ workflowBundlePath: '/app/bundle.js' });
  });
});
