import { Inject, Injectable } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import type { Account, ImportBatchView } from '@lotline/contracts';
import { FORMAT_IDS, type FormatId } from '@lotline/importers';
import { recordAudit, type RequestContext } from '../audit/audit-log';
import { ClientAccess } from '../clients/client-access';
import { AppError } from '../common/all-exceptions.filter';
import type { AuthUser } from '../common/auth-user';
import { idOrNotFound, notFound } from '../common/ids';
import { RUNTIME, type Runtime } from '../common/runtime';
import { CsvImportRunner } from './csv-import.runner';
import { FileNotFoundError, FileStore } from '../files/file-store';
import { IMPORT_CSV_JOB } from './import-job';
import { ImportsRepository } from './imports.repository';

export interface UploadedCsv {
  readonly originalname: string;
  readonly buffer: Buffer;
  readonly size: number;
}

/** Accounts and CSV uploads of one client; the record-level check (firm, assignment, own workspace) comes first. */
@Injectable()
export class ImportsService {
  private readonly runner: CsvImportRunner;

  constructor(
    private readonly ds: DataSource,
    private readonly repo: ImportsRepository,
    private readonly access: ClientAccess,
    private readonly files: FileStore,
    @Inject(RUNTIME) private readonly runtime: Runtime,
  ) {
    this.runner = new CsvImportRunner(ds, files);
  }

  async listAccounts(user: AuthUser, clientId: string): Promise<Account[]> {
    const client = await this.access.require(user, clientId, 'read');
    return this.repo.listAccounts(user.firmId, client.id);
  }

  async createAccount(user: AuthUser, clientId: string, input: { name: string; kind: Account['kind']; exchange?: string }, ctx: RequestContext): Promise<Account> {
    const client = await this.access.require(user, clientId, 'import');
    return this.ds.transaction(async (tx) => {
      const account = await this.repo.createAccount(tx, user.firmId, client.id, { name: input.name.trim(), kind: input.kind, exchange: input.exchange?.trim() || null });
      if (!account) throw new AppError('CONFLICT', `This client already has an account named "${input.name.trim()}".`, 409);
      await recordAudit(tx, { firmId: user.firmId, actorUserId: user.id, action: 'account.created', subjectType: 'account', subjectId: account.id, after: { clientId: client.id, name: account.name, kind: account.kind }, context: ctx });
      return account;
    });
  }

  async upload(user: AuthUser, clientId: string, file: UploadedCsv | undefined, accountId: string, format: string | undefined, ctx: RequestContext): Promise<ImportBatchView> {
    const client = await this.access.require(user, clientId, 'import');
    if (!file) throw new AppError('VALIDATION_FAILED', 'Attach the CSV file in the "file" field.', 400);
    if (format !== undefined && format !== '' && !(FORMAT_IDS as readonly string[]).includes(format)) {
      throw new AppError('VALIDATION_FAILED', `Unknown format "${format}". Known formats: ${FORMAT_IDS.join(', ')}.`, 400);
    }
    if (!(await this.repo.accountExists(user.firmId, client.id, idOrNotFound(accountId)))) throw notFound('Account not found.');
    const batchId = await this.runner.createBatch({
      firmId: user.firmId,
      clientId: client.id,
      accountId,
      fileName: file.originalname.slice(0, 255),
      bytes: new Uint8Array(file.buffer.buffer, file.buffer.byteOffset, file.buffer.byteLength),
      formatOverride: format ? (format as FormatId) : undefined,
      createdBy: user.id,
    });
    await this.ds.transaction((tx) =>
      recordAudit(tx, { firmId: user.firmId, actorUserId: user.id, action: 'import.queued', subjectType: 'import_batch', subjectId: batchId, details: { clientId: client.id, accountId, fileName: file.originalname, sizeBytes: file.size }, context: ctx }),
    );
    await this.runtime.jobs.send(IMPORT_CSV_JOB, { batchId });
    return this.getBatch(user, clientId, batchId);
  }

  async listBatches(user: AuthUser, clientId: string): Promise<ImportBatchView[]> {
    const client = await this.access.require(user, clientId, 'read');
    return this.repo.listBatches(user.firmId, client.id);
  }

  async getBatch(user: AuthUser, clientId: string, batchId: string): Promise<ImportBatchView> {
    const client = await this.access.require(user, clientId, 'read');
    const batch = await this.repo.findBatch(user.firmId, client.id, idOrNotFound(batchId));
    if (!batch) throw notFound();
    return batch.view;
  }

  /** The original uploaded file, exactly as received; every download is audited. */
  async originalFile(user: AuthUser, clientId: string, batchId: string, ctx: RequestContext): Promise<{ fileName: string; stream: Readable }> {
    const client = await this.access.require(user, clientId, 'download');
    const batch = await this.repo.findBatch(user.firmId, client.id, idOrNotFound(batchId));
    if (!batch?.storageKey) throw notFound();
    const fileName = batch.view.fileName ?? 'import.csv';
    const stream = await this.files.open(batch.storageKey).catch((e: unknown) => {
      throw e instanceof FileNotFoundError ? new AppError('NOT_FOUND', 'The original file of this import is missing from the file store', 404) : e;
    });
    try {
      await this.ds.transaction((tx) =>
        recordAudit(tx, { firmId: user.firmId, actorUserId: user.id, action: 'import.file_downloaded', subjectType: 'import_batch', subjectId: batch.view.id, details: { fileName }, context: ctx }),
      );
    } catch (e) {
      stream.destroy();
      throw e;
    }
    return { fileName, stream };
  }
}
