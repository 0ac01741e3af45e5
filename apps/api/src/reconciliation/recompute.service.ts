import { createHash } from 'node:crypto';
import { Logger } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import type { CostBasisMethod, RecomputeState } from '@lotline/contracts';
import { openBlocking, type Warning } from '@lotline/reconciliation';
import type { TaxResult, YearTotals } from '@lotline/tax-engine';
import { isUuid, notFound } from '../common/ids';
import { one } from '../common/sql';
import { ReconcileSourcesRepository, type ReconcileSources } from '../reconcile-sources/reconcile-sources.repository';
import { ReconInputRepository } from './recon-input.repository';
import { ReconMatchesRepository } from './recon-matches.repository';
import { Laps, ReconOutputRepository } from './recon-output.repository';
import { localYear, runPipeline, statusByYear, type PipelineInput, type PipelineOutput, type StoredReconSettings } from './recon-pipeline';

export const RECOMPUTE_JOB = 'reconcile.recompute';

export interface RecomputeOptions {
  readonly now: () => Date;
  /** Recorded with every computation (app version: the libraries ship inside it). */
  readonly engineVersion: string;
  /** Queues the background job (pg-boss); absent in processes without a queue. */
  readonly send?: (data: RecomputeJobData) => Promise<unknown>;
  /** Told where each computation's time went (benchmarks); every computation is also logged with these figures. */
  readonly onTimings?: (t: RecomputeTimings) => void;
}

/** Seconds spent per phase of one computation. */
export interface RecomputeTimings {
  readonly events: number;
  readonly load: number;
  readonly pipeline: number;
  readonly store: number;
  /** Seconds per storing step. */
  readonly storeSteps: Readonly<Record<string, number>>;
}

export interface RecomputeJobData {
  readonly firmId: string;
  readonly clientId: string;
}

/** What the report generator (issue 7) needs for one client and tax year: computed now from the stored inputs. */
export interface Computation {
  readonly taxYear: number;
  /** The tax engine's full output (every year; rows carry `taxYear`). */
  readonly tax: TaxResult;
  /** Totals of the tax year (null when the client had no activity or holdings that year). */
  readonly year: YearTotals | null;
  readonly warnings: readonly Warning[];
  /** Open blocking warnings dated in or before the tax year (or undated): final generation must refuse while > 0. */
  readonly openBlocking: number;
  readonly method: CostBasisMethod;
  readonly settings: StoredReconSettings;
  readonly timeZone: string;
  readonly inputsHash: string;
  readonly engineVersion: string;
}

export interface LoadedInput {
  readonly input: PipelineInput;
  readonly inputsHash: string;
}

/**
 * Runs the client's reconciliation + tax computation and stores the results. `request` coalesces a burst of changes:
 * it bumps the client's requested sequence number and queues a job only when none is queued or running (a running
 * job sees the newer number when it finishes and runs once more). `recomputeNow` computes in-process (tests, reports).
 */
export class RecomputeService {
  private readonly logger = new Logger('Recompute');
  private readonly input = new ReconInputRepository();
  private readonly output = new ReconOutputRepository();
  private readonly matches = new ReconMatchesRepository();
  private readonly sourcesRepo: ReconcileSourcesRepository;

  constructor(
    private readonly ds: DataSource,
    private readonly options: RecomputeOptions,
  ) {
    this.sourcesRepo = new ReconcileSourcesRepository(ds);
  }

  get engineVersion(): string {
    return this.options.engineVersion;
  }

  /** Asks for a recompute of the client (after an import, sync, resolution, undo, method or settings change). */
  async request(firmId: string, clientId: string): Promise<RecomputeState> {
    // Serialised per client (a statement snapshot would let concurrent requests all see the old state).
    const row = await this.locked(clientId, async (m) => {
      // A run that started long ago died with its worker (the job expires after 10 min): ask for a new job.
      const old = await one<{ state: RecomputeState }>(
        m,
        `SELECT CASE WHEN state = 'running' AND started_at < $3::timestamptz - interval '15 minutes' THEN 'failed' ELSE state END AS state
           FROM recon_state WHERE client_id = $1 AND firm_id = $2`,
        [clientId, firmId, this.options.now()],
      );
      const now = await one<{ state: RecomputeState }>(
        m,
        `INSERT INTO recon_state (client_id, firm_id, state, requested_seq, requested_at) VALUES ($1, $2, 'queued', 1, $3)
         ON CONFLICT (client_id) DO UPDATE SET requested_seq = recon_state.requested_seq + 1, requested_at = EXCLUDED.requested_at,
           state = CASE WHEN recon_state.state IN ('queued', 'running') THEN recon_state.state ELSE 'queued' END
         WHERE recon_state.firm_id = EXCLUDED.firm_id
         RETURNING state`,
        [clientId, firmId, this.options.now()],
      );
      return now ? { old: old?.state ?? null, state: now.state } : null;
    });
    if (!row) return 'never';
    if (row.old === 'queued' || row.old === 'running') return row.state;
    try {
      if (!this.options.send) throw new Error('no job queue in this process');
      await this.options.send({ firmId, clientId });
      return 'queued';
    } catch (e) {
      this.logger.error(`could not queue a recompute of ${clientId}: ${String(e)}`);
      await this.ds.query(`UPDATE recon_state SET state = 'failed', last_error = $3 WHERE client_id = $1 AND firm_id = $2`, [clientId, firmId, 'The recompute could not be queued; try again.']);
      return 'failed';
    }
  }

  /** Runs `fn` in a transaction holding the client's queue-state lock (requests and job state changes never interleave). */
  private locked<T>(clientId: string, fn: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`recon-request:${clientId}`]);
      return fn(m);
    });
  }

  /** The job handler: computes until no newer request is pending (at most a few rounds per job). */
  async runJob({ firmId, clientId }: RecomputeJobData): Promise<void> {
    for (let round = 0; round < 5; round++) {
      const start = await this.locked(clientId, (m) => one<{ requested: string; computed: string }>(
        m,
        `UPDATE recon_state SET state = 'running', started_at = $3 WHERE client_id = $1 AND firm_id = $2
         RETURNING requested_seq::text AS requested, computed_seq::text AS computed`,
        [clientId, firmId, this.options.now()],
      ));
      if (!start) return;
      try {
        // A recomputeNow may already have answered this request.
        if (Number(start.requested) > Number(start.computed)) await this.compute(firmId, clientId);
      } catch (e) {
        this.logger.error(`recompute of ${clientId} failed: ${e instanceof Error ? e.stack : String(e)}`);
        await this.ds.query(`UPDATE recon_state SET state = 'failed', last_error = $3 WHERE client_id = $1 AND firm_id = $2`, [clientId, firmId, errorText(e)]);
        return;
      }
      const end = await this.locked(clientId, (m) => one<{ state: RecomputeState }>(
        m,
        `UPDATE recon_state SET state = CASE WHEN requested_seq > computed_seq THEN 'queued' ELSE 'done' END WHERE client_id = $1 AND firm_id = $2 RETURNING state`,
        [clientId, firmId],
      ));
      if (end?.state !== 'queued') return;
    }
    // Still busy after a few rounds: hand the rest to a fresh job so other clients get their turn.
    await this.options.send?.({ firmId, clientId });
  }

  /** Computes and stores now, in this process; returns the stored computation's result. */
  async recomputeNow(firmId: string, clientId: string): Promise<PipelineOutput & { inputsHash: string }> {
    const result = await this.compute(firmId, clientId);
    await this.locked(clientId, (m) =>
      m.query(`UPDATE recon_state SET state = CASE WHEN state = 'running' OR requested_seq > computed_seq THEN state ELSE 'done' END WHERE client_id = $1 AND firm_id = $2`, [clientId, firmId]),
    );
    return result;
  }

  /**
   * The computation for final reports (issue 7): reconcile + compute from the client's current stored inputs (one
   * consistent snapshot), in this process, with the method chosen for each year. Returns the engine's full result,
   * the year's totals, every warning, the count of open blocking warnings holding back this tax year (dated in or
   * before it, or undated), the year's method, the settings, the inputs hash and the engine version (record both with
   * the report set). Firm-scoped: a client of another firm throws NOT_FOUND (404).
   */
  async computation(firmId: string, clientId: string, taxYear: number): Promise<Computation> {
    const loaded = isUuid(clientId) ? await this.ds.transaction('REPEATABLE READ', (m) => this.load(m, firmId, clientId.toLowerCase())) : null;
    if (!loaded) throw notFound();
    const out = runPipeline(loaded.input);
    const tz = loaded.input.timeZone;
    return {
      taxYear,
      tax: out.tax,
      year: out.tax.years.find((y) => y.taxYear === taxYear) ?? null,
      warnings: out.warnings,
      openBlocking: openBlocking(out.warnings).filter((w) => w.at === null || localYear(w.at, tz) <= taxYear).length,
      method: loaded.input.yearMethods[String(taxYear)] ?? loaded.input.defaultMethod,
      settings: loaded.input.settings,
      timeZone: tz,
      inputsHash: loaded.inputsHash,
      engineVersion: this.options.engineVersion,
    };
  }

  /** Loads everything a computation needs for the client (firm-scoped), with the hash of those inputs. */
  async load(m: EntityManager, firmId: string, clientId: string): Promise<LoadedInput | null> {
    const ctx = await this.input.context(m, firmId, clientId);
    if (!ctx) return null;
    const events = await this.input.events(m, firmId, clientId);
    const resolutions = await this.input.resolutions(m, firmId, clientId);
    const sources = await this.sources(m, firmId, clientId);
    const input: PipelineInput = {
      events,
      resolutions,
      ...sources,
      settings: ctx.settings,
      timeZone: ctx.timeZone,
      defaultMethod: ctx.clientMethod ?? ctx.firmMethod,
      yearMethods: ctx.yearMethods,
    };
    return { input, inputsHash: this.hashOf(input) };
  }

  private async compute(firmId: string, clientId: string): Promise<PipelineOutput & { inputsHash: string }> {
    return this.ds.transaction(async (m) => {
      await this.input.lockClient(m, clientId);
      const seq = await one<{ seq: string }>(m, `SELECT requested_seq::text AS seq FROM recon_state WHERE client_id = $1 AND firm_id = $2`, [clientId, firmId]);
      const t0 = performance.now();
      const loaded = await this.load(m, firmId, clientId);
      if (!loaded) throw new Error(`client ${clientId} not found in firm ${firmId}`);
      // Sent before the pipeline runs: PostgreSQL hashes the stored 8949 pages while this process computes.
      const storedPages = this.output.storedPages(m, firmId, clientId);
      const t1 = performance.now();
      const out = runPipeline(loaded.input);
      const t2 = performance.now();
      const now = this.options.now();
      const laps = new Laps();
      await this.output.replace(m, firmId, clientId, out, {
        computedAt: now,
        inputsHash: loaded.inputsHash,
        eventCount: loaded.input.events.length,
        engineVersion: this.options.engineVersion,
        seq: Number(seq?.seq ?? 0),
      }, storedPages, laps);
      await this.matches.replace(m, firmId, clientId, out.recon.matches, loaded.input.events, loaded.input.resolutions);
      laps.lap('matches');
      const years = new Set([...out.tax.years.map((y) => y.taxYear), ...(await this.output.statusYears(m, firmId, clientId))]);
      await this.output.updateStatuses(m, firmId, clientId, statusByYear(out.warnings, [...years], loaded.input.timeZone), now);
      laps.lap('statuses');
      const secs = (ms: number) => Math.round(ms) / 1000;
      const timings: RecomputeTimings = { events: loaded.input.events.length, load: secs(t1 - t0), pipeline: secs(t2 - t1), store: secs(performance.now() - t2), storeSteps: laps.seconds };
      this.logger.log(`recomputed client ${clientId}: ${timings.events} events, load ${timings.load} s, compute ${timings.pipeline} s, store ${timings.store} s ${JSON.stringify(timings.storeSteps)}`);
      this.options.onTimings?.(timings);
      return { ...out, inputsHash: loaded.inputsHash };
    });
  }

  /** Price table, exchange-reported balances and 1099-DA lines (apps/api/src/reconcile-sources), in the same snapshot. */
  private sources(m: EntityManager, firmId: string, clientId: string): Promise<ReconcileSources> {
    return this.sourcesRepo.load(m, firmId, clientId);
  }

  /**
   * Hash of the inputs: ledger rows are append-only (a batch is never edited), so count + lowest/highest row id stand
   * for them; resolutions by id; settings, methods and sources in full; plus the engine version.
   */
  private hashOf(i: PipelineInput): string {
    const h = createHash('sha256');
    // Row ids are bigint text: the shorter one is smaller, equal lengths compare as text.
    const less = (a: string, b: string) => a.length < b.length || (a.length === b.length && a < b);
    let first: string | null = null;
    let last: string | null = null;
    for (const e of i.events) {
      if (first === null || less(e.id, first)) first = e.id;
      if (last === null || less(last, e.id)) last = e.id;
    }
    h.update(JSON.stringify({ n: i.events.length, first, last, engine: this.options.engineVersion }));
    h.update(JSON.stringify(i.resolutions.map((r) => r.id)));
    h.update(JSON.stringify({ settings: i.settings, tz: i.timeZone, method: i.defaultMethod, years: i.yearMethods }));
    h.update(JSON.stringify({ prices: i.priceTable, balances: i.reportedBalances, forms: i.form1099Da }));
    return h.digest('hex');
  }
}

function errorText(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  return text.slice(0, 500);
}
