import { DEFAULT_CASE_TASK_QUEUE } from '@docket/contracts';
import {
  readDatabaseUrl,
  readEnum,
  readHostPort,
  readOptionalString,
  readPort,
  readPositiveInteger,
  readString,
  type Env,
} from './env-readers';

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface DatabaseConfig {
  readonly url: string;
}

export interface TemporalConfig {
  readonly address: string;
  readonly namespace: string;
  readonly taskQueue: string;
}

export interface ApiConfig {
  readonly host: string;
  readonly port: number;
  /** Largest request body accepted, in bytes. */
  readonly bodyLimitBytes: number;
}

export interface WorkerConfig {
  /** A prebuilt workflow bundle; without it the worker bundles the workflow code at start-up. */
  readonly workflowBundlePath?: string;
}

export function loadDatabaseConfig(env: Env): DatabaseConfig {
  return { url: readDatabaseUrl(env, 'DATABASE_URL') };
}

export function loadTemporalConfig(env: Env): TemporalConfig {
  return {
    address: readHostPort(env, 'TEMPORAL_ADDRESS', 'localhost:7233'),
    namespace: readString(env, 'TEMPORAL_NAMESPACE', 'default'),
    taskQueue: readString(env, 'TEMPORAL_TASK_QUEUE', DEFAULT_CASE_TASK_QUEUE),
  };
}

export function loadLogLevel(env: Env): LogLevel {
  return readEnum(env, 'LOG_LEVEL', LOG_LEVELS, 'info');
}

export interface ApiProcessConfig {
  readonly api: ApiConfig;
  readonly temporal: TemporalConfig;
  /** Policies and calendars are managed through the API, and it finds a policy's running cases there. */
  readonly database: DatabaseConfig;
  readonly logLevel: LogLevel;
}

export function loadApiProcessConfig(env: Env): ApiProcessConfig {
  return {
    api: {
      host: readString(env, 'API_HOST', '127.0.0.1'),
      port: readPort(env, 'API_PORT', 3000),
      bodyLimitBytes: readPositiveInteger(env, 'API_BODY_LIMIT_BYTES', 256 * 1024),
    },
    temporal: loadTemporalConfig(env),
    database: loadDatabaseConfig(env),
    logLevel: loadLogLevel(env),
  };
}

export interface WorkerProcessConfig {
  readonly database: DatabaseConfig;
  readonly temporal: TemporalConfig;
  readonly worker: WorkerConfig;
  readonly logLevel: LogLevel;
}

export function loadWorkerProcessConfig(env: Env): WorkerProcessConfig {
  const workflowBundlePath = readOptionalString(env, 'WORKFLOW_BUNDLE_PATH');
  return {
    database: loadDatabaseConfig(env),
    temporal: loadTemporalConfig(env),
    worker: workflowBundlePath === undefined ? {} : { workflowBundlePath },
    logLevel: loadLogLevel(env),
  };
}
