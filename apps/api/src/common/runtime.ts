import type { AppConfig } from '../config/app-config';
import type { JobQueue } from '../jobs/job-queue';
import type { SecretBox } from '../secrets/secret-box';

/** What main.ts resolved before Nest starts: validated config, the database URL, the master key, the job queue. */
export interface Runtime {
  readonly config: AppConfig;
  readonly databaseUrl: string;
  readonly secretBox: SecretBox;
  readonly jobs: JobQueue;
  readonly version: string;
  /** The clock for sign-in, tokens, invitations and throttling; tests inject one so they never sleep. */
  readonly now?: () => Date;
}

export const systemClock = (): Date => new Date();

export const RUNTIME = Symbol('RUNTIME');
