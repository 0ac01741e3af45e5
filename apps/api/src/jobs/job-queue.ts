import { Logger } from '@nestjs/common';
import PgBoss from 'pg-boss';

export type JobHandler<T extends object> = (data: T, job: { id: string; retryCount: number }) => Promise<void>;

export interface JobDefinition<T extends object> {
  readonly name: string;
  /** A job whose worker dies is expired after this long and retried. */
  readonly expireInSeconds: number;
  readonly retryLimit: number;
  readonly handler: JobHandler<T>;
}

export interface JobQueueOptions {
  readonly connectionString: string;
  /** How often pg-boss looks for expired (crashed) jobs. */
  readonly maintenanceIntervalSeconds?: number;
  readonly pollingIntervalSeconds?: number;
}

/**
 * Background jobs on the same PostgreSQL (pg-boss). Handlers are registered by feature modules; a process works them
 * only if its role includes the worker. Jobs survive a crash: an active job whose process died expires and is retried.
 * Handlers must be idempotent (see `runOnce` in job-effects.ts).
 */
export class JobQueue {
  private readonly logger = new Logger('Jobs');
  private readonly boss: PgBoss;
  private readonly definitions = new Map<string, JobDefinition<object>>();
  private started = false;
  private stopping = false;

  constructor(private readonly options: JobQueueOptions) {
    this.boss = new PgBoss({
      connectionString: options.connectionString,
      max: 4,
      maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? 30,
      schedule: false,
    });
    // While stopping, the database may already be going down (Ctrl-C reaches the whole process group).
    this.boss.on('error', (error: Error) => (this.stopping ? this.logger.debug : this.logger.error).call(this.logger, `pg-boss: ${error.message}`));
  }

  define<T extends object>(definition: JobDefinition<T>): void {
    this.definitions.set(definition.name, definition as unknown as JobDefinition<object>);
  }

  async start(): Promise<void> {
    await this.boss.start();
    this.started = true;
    for (const d of this.definitions.values()) {
      await this.boss.createQueue(d.name, { name: d.name, retryLimit: d.retryLimit, retryDelay: 1, expireInSeconds: d.expireInSeconds });
    }
  }

  /** Starts working every defined queue in this process. */
  async work(): Promise<void> {
    for (const d of this.definitions.values()) {
      await this.boss.work<object>(
        d.name,
        { pollingIntervalSeconds: this.options.pollingIntervalSeconds ?? 1, includeMetadata: true, batchSize: 1 },
        async (jobs) => {
          for (const job of jobs) {
            this.logger.debug(`${d.name} ${job.id} attempt ${job.retryCount + 1}`);
            await d.handler(job.data, { id: job.id, retryCount: job.retryCount });
          }
        },
      );
    }
  }

  async send<T extends object>(name: string, data: T, options: { singletonKey?: string } = {}): Promise<string | null> {
    if (!this.definitions.has(name)) throw new Error(`unknown job ${name}`);
    return this.boss.send(name, data, options);
  }

  async state(name: string, id: string): Promise<string | undefined> {
    const job = await this.boss.getJobById(name, id);
    return job?.state;
  }

  async stop(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    this.stopping = true;
    await this.boss.stop({ graceful: true, wait: true, timeout: 10000 });
  }
}
