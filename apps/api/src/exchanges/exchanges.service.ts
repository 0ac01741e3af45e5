import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { ExchangeConnectionView, ExchangeSyncQueued } from '@lotline/contracts';
import { recordAudit, type RequestContext } from '../audit/audit-log';
import { ClientAccess } from '../clients/client-access';
import { AppError } from '../common/all-exceptions.filter';
import type { AuthUser } from '../common/auth-user';
import { idOrNotFound, notFound } from '../common/ids';
import { RUNTIME, type Runtime } from '../common/runtime';
import { ImportsRepository } from '../imports/imports.repository';
import { readBalances } from './exchange-balances';
import { createExchange, DEFAULT_BACKOFF, describeExchangeError, withBackoff, type ExchangeCredentials } from './exchange-client';
import { EXCHANGE_PROFILES } from './exchange-profiles';
import { EXCHANGE_SYNC_JOB } from './exchange-sync-job';
import { credentialContext } from './exchange-sync.runner';
import type { ConnectExchangeDto } from './exchanges.dto';
import { ExchangesRepository } from './exchanges.repository';

/** Connect, list, remove and sync exchange API connections of one client; the record-level check comes first. */
@Injectable()
export class ExchangesService {
  constructor(
    private readonly ds: DataSource,
    private readonly repo: ExchangesRepository,
    private readonly accounts: ImportsRepository,
    private readonly access: ClientAccess,
    @Inject(RUNTIME) private readonly runtime: Runtime,
  ) {}

  async list(user: AuthUser, clientId: string): Promise<ExchangeConnectionView[]> {
    const client = await this.access.require(user, clientId, 'read');
    return this.repo.list(user.firmId, client.id);
  }

  /** Checks the keys with a real read-only call (balances), then stores them sealed. The secret is never echoed. */
  async connect(user: AuthUser, clientId: string, input: ConnectExchangeDto, ctx: RequestContext): Promise<ExchangeConnectionView> {
    const client = await this.access.require(user, clientId, 'import');
    if ((input.accountId === undefined) === (input.accountName === undefined)) {
      throw new AppError('VALIDATION_FAILED', 'Give either accountId (an existing account) or accountName (a new account), not both.', 400);
    }
    if (input.accountId !== undefined && !(await this.accounts.accountExists(user.firmId, client.id, input.accountId))) throw notFound('Account not found.');
    const profile = EXCHANGE_PROFILES[input.exchange];
    const creds: ExchangeCredentials = { apiKey: input.apiKey, secret: pemOrToken(input.secret), ...(input.passphrase ? { passphrase: input.passphrase } : {}) };
    const exchange = createExchange(input.exchange, creds, { apiBaseUrl: this.runtime.config.exchangeApiBaseUrl });
    const backoff = { ...DEFAULT_BACKOFF, retries: 2 };
    let balances: Record<string, string>;
    try {
      await withBackoff(() => exchange.loadMarkets(), backoff);
      balances = readBalances(exchange, profile, await withBackoff(() => exchange.fetchBalance(), backoff));
    } catch (e) {
      const failure = describeExchangeError(e, profile, { label: 'balances', permission: profile.balancePermission });
      if (!failure) throw e;
      const message = failure.kind === 'unavailable' || failure.kind === 'exchange' ? `We could not check these keys: ${failure.message}` : failure.message;
      throw new AppError('VALIDATION_FAILED', message, 400);
    }
    const id = randomUUID();
    const sealedSecret = this.runtime.secretBox.seal(JSON.stringify(creds), credentialContext(id));
    const keyHint = input.apiKey.slice(-4);
    await this.ds.transaction(async (tx) => {
      let accountId = input.accountId;
      if (accountId === undefined) {
        const name = (input.accountName ?? '').trim();
        const account = await this.accounts.createAccount(tx, user.firmId, client.id, { name, kind: 'exchange', exchange: input.exchange });
        if (!account) throw new AppError('CONFLICT', `This client already has an account named "${name}".`, 409);
        await recordAudit(tx, { firmId: user.firmId, actorUserId: user.id, action: 'account.created', subjectType: 'account', subjectId: account.id, after: { clientId: client.id, name: account.name, kind: account.kind }, context: ctx });
        accountId = account.id;
      }
      const inserted = await this.repo.insert(tx, { id, firmId: user.firmId, clientId: client.id, accountId, exchange: input.exchange, sealedSecret, keyHint, createdBy: user.id, balances });
      if (!inserted) throw new AppError('CONFLICT', 'This account is already connected to an exchange. Remove that connection first.', 409);
      await recordAudit(tx, { firmId: user.firmId, actorUserId: user.id, action: 'exchange.connected', subjectType: 'exchange_credential', subjectId: id, after: { clientId: client.id, accountId, exchange: input.exchange, keyHint }, context: ctx });
    });
    const view = await this.repo.findActive(this.ds, user.firmId, client.id, id);
    if (!view) throw notFound();
    return view;
  }

  /** Removes a connection: the sealed keys are wiped at once; events already synced stay. */
  async remove(user: AuthUser, clientId: string, connectionId: string, ctx: RequestContext): Promise<void> {
    const client = await this.access.require(user, clientId, 'import');
    const id = idOrNotFound(connectionId);
    await this.ds.transaction(async (tx) => {
      const existing = await this.repo.findActive(tx, user.firmId, client.id, id);
      if (!existing || !(await this.repo.remove(tx, user.firmId, client.id, id))) throw notFound();
      await recordAudit(tx, { firmId: user.firmId, actorUserId: user.id, action: 'exchange.removed', subjectType: 'exchange_credential', subjectId: id, before: { accountId: existing.accountId, exchange: existing.exchange, keyHint: existing.keyHint }, context: ctx });
    });
  }

  /** Queues a sync (an import batch with source "api") as a background job. */
  async sync(user: AuthUser, clientId: string, connectionId: string, ctx: RequestContext): Promise<ExchangeSyncQueued> {
    const client = await this.access.require(user, clientId, 'import');
    const id = idOrNotFound(connectionId);
    const batchId = await this.ds.transaction(async (tx) => {
      const connection = await this.repo.findActive(tx, user.firmId, client.id, id);
      if (!connection) throw notFound();
      const created = await this.repo.createSyncBatch(tx, { firmId: user.firmId, clientId: client.id, accountId: connection.accountId, credentialId: id, createdBy: user.id });
      await recordAudit(tx, { firmId: user.firmId, actorUserId: user.id, action: 'exchange.sync_queued', subjectType: 'exchange_credential', subjectId: id, details: { batchId: created, exchange: connection.exchange }, context: ctx });
      return created;
    });
    await this.runtime.jobs.send(EXCHANGE_SYNC_JOB, { batchId });
    return { connectionId: id, batchId, status: 'queued' };
  }
}

/**
 * A PEM private key as Coinbase issues it: trimmed, with real newlines (a key copied out of the downloaded JSON file
 * carries literal "\\n" sequences, which would break ccxt's signature). Other secrets are used as given.
 */
export function pemOrToken(secret: string): string {
  const trimmed = secret.trim();
  if (!trimmed.startsWith('-----BEGIN')) return secret;
  return `${trimmed.replace(/\\n/g, '\n').replace(/\r\n/g, '\n')}\n`;
}
