import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { PriceFetchRunView, PriceImportResult, PriceListResponse } from '@lotline/contracts';
import { recordAudit, type RequestContext } from '../audit/audit-log';
import { ClientAccess } from '../clients/client-access';
import { AppError } from '../common/all-exceptions.filter';
import type { AuthUser } from '../common/auth-user';
import { idOrNotFound, notFound } from '../common/ids';
import { RUNTIME, type Runtime } from '../common/runtime';
import { parsePriceCsv } from './price-csv.parser';
import { PRICE_FETCH_JOB } from './price-fetch-job';
import type { PriceListQueryDto } from './prices.dto';
import { PricesRepository } from './prices.repository';

export interface UploadedPriceFile {
  readonly originalname: string;
  readonly buffer: Buffer;
  readonly size: number;
}

/** CSV price imports, the price list, and the queueing of a client's price fetch. */
@Injectable()
export class PricesService {
  constructor(
    private readonly ds: DataSource,
    private readonly repo: PricesRepository,
    private readonly access: ClientAccess,
    @Inject(RUNTIME) private readonly runtime: Runtime,
  ) {}

  /** All or nothing: any bad row -> 400 listing every problem by line and column, nothing stored. */
  async importCsv(user: AuthUser, file: UploadedPriceFile | undefined, ctx: RequestContext): Promise<PriceImportResult> {
    if (!file) throw new AppError('VALIDATION_FAILED', 'Attach the price CSV in the "file" field.', 400);
    const fileName = file.originalname.slice(0, 200) || 'prices.csv';
    if (file.buffer.includes(0)) throw new AppError('VALIDATION_FAILED', `${fileName} is not a text CSV file.`, 400);
    const parsed = parsePriceCsv(file.buffer.toString('utf8'), fileName);
    if (parsed.issues.length > 0) {
      const details = parsed.issues.map((i) => ({ field: `line ${i.line}${i.column ? `, ${i.column}` : ''}`, message: i.value === undefined ? i.message : `${i.message} (got ${JSON.stringify(i.value)})` }));
      throw new AppError('VALIDATION_FAILED', `${fileName} has ${parsed.issues.length} problem${parsed.issues.length === 1 ? '' : 's'}; nothing was stored. Fix them and upload the file again.`, 400, details);
    }
    return this.ds.transaction(async (tx) => {
      const added = await this.repo.insertQuotes(tx, user.firmId, user.id, parsed.rows);
      const result: PriceImportResult = { fileName, rows: parsed.rowCount, added, duplicates: parsed.rowCount - added };
      await recordAudit(tx, { firmId: user.firmId, actorUserId: user.id, action: 'prices.imported', subjectType: 'price_table', details: { ...result }, context: ctx });
      return result;
    });
  }

  list(user: AuthUser, q: PriceListQueryDto): Promise<PriceListResponse> {
    return this.repo.list(user.firmId, { ...q, page: q.page ?? 1, pageSize: q.pageSize ?? 100 });
  }

  /** Queues the prices.fetch job for the client; 409 when no price exchange is configured (offline). */
  async queueFetch(user: AuthUser, clientId: string, ctx: RequestContext): Promise<PriceFetchRunView> {
    const client = await this.access.require(user, clientId, 'resolve');
    const exchange = this.runtime.config.priceExchange;
    if (exchange === undefined) {
      throw new AppError('CONFLICT', 'Price fetching is off on this server (LOTLINE_PRICE_EXCHANGE is not set). Import prices from a CSV or enter them by hand.', 409);
    }
    const runId = await this.ds.transaction(async (tx) => {
      const id = await this.repo.createRun(tx, { firmId: user.firmId, clientId: client.id, exchange, createdBy: user.id });
      await recordAudit(tx, { firmId: user.firmId, actorUserId: user.id, action: 'prices.fetch_queued', subjectType: 'price_fetch_run', subjectId: id, details: { clientId: client.id, exchange }, context: ctx });
      return id;
    });
    await this.runtime.jobs.send(PRICE_FETCH_JOB, { runId });
    return this.getRun(user, clientId, runId);
  }

  async getRun(user: AuthUser, clientId: string, runId: string): Promise<PriceFetchRunView> {
    const client = await this.access.require(user, clientId, 'resolve');
    const run = await this.repo.findRun(user.firmId, client.id, idOrNotFound(runId));
    if (!run) throw notFound();
    return run;
  }
}
