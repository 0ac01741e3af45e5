import { Logger } from '@nestjs/common';
import type { Exchange, Trade, Transaction } from 'ccxt';
import type { DataSource } from 'typeorm';
import type { ExchangeStream, ImportIssueView } from '@lotline/contracts';
import type { LedgerEvent } from '@lotline/ledger';
import { recordAudit } from '../audit/audit-log';
import { insertLedgerEvents } from '../imports/ledger-event.repository';
import type { SecretBox } from '../secrets/secret-box';
import { createExchange, DEFAULT_BACKOFF, describeExchangeError, fetchAllPages, withBackoff, type Backoff, type ExchangeClientOptions, type ExchangeCredentials } from './exchange-client';
import { mapIncomeTransfer, mapLedgerEntry, mapTrade, mapTransaction, type MapContext, type Mapped } from './exchange-event-mapper';
import { EXCHANGE_PROFILES, STREAM_LABELS, type ExchangeProfile, type TransferKind } from './exchange-profiles';
import { ExchangesRepository, type SyncBatchRow, type SyncCursors } from './exchanges.repository';
import { readBalances } from './exchange-balances';

export const credentialContext = (id: string) => `exchange-credential:${id}`;

export interface SyncOutcome {
  readonly status: 'succeeded' | 'failed';
  readonly eventsAdded: number;
  readonly duplicatesSkipped: number;
  readonly issueCount: number;
  readonly error: string | null;
}

/** An exchange failure the user must act on (bad keys, missing permission, exchange down): recorded, not retried. */
class SyncFailed extends Error {}

interface Collected {
  readonly events: LedgerEvent[];
  readonly issues: ImportIssueView[];
  readonly cursors: SyncCursors;
  readonly balances: Record<string, string>;
}

/**
 * Runs one exchange sync (an import batch with source 'api'): opens the sealed keys, reads every stream since its
 * cursor (paged, rate-limited, backing off on 429), maps the records to ledger events, and stores the new events, the
 * new cursors, the balances and the batch outcome in ONE transaction. A crash stores nothing and the job runs again;
 * re-reading records already stored adds nothing (their ids are the fingerprints). Bad keys or a missing permission
 * fail the batch with a message on the connection and are not retried.
 */
export class ExchangeSyncRunner {
  private readonly logger = new Logger('ExchangeSync');
  private readonly repo: ExchangesRepository;

  constructor(
    private readonly ds: DataSource,
    private readonly secrets: Pick<SecretBox, 'open'>,
    private readonly clientOptions: ExchangeClientOptions = {},
    private readonly backoff: Backoff = DEFAULT_BACKOFF,
  ) {
    this.repo = new ExchangesRepository(ds);
  }

  async run(batchId: string): Promise<SyncOutcome> {
    const batch = await this.repo.loadSyncBatch(batchId);
    if (!batch) throw new Error(`sync batch ${batchId} not found`);
    if (batch.status === 'succeeded' || batch.status === 'failed') return outcomeOf(batch);
    if (!batch.credential_id || !batch.sealed_secret || !batch.exchange) {
      return this.fail(batch, 'This exchange connection was removed before the sync ran.');
    }
    await this.repo.markRunning(batchId);
    const profile = EXCHANGE_PROFILES[batch.exchange];
    const creds = JSON.parse(this.secrets.open(batch.sealed_secret, credentialContext(batch.credential_id))) as ExchangeCredentials;
    let collected: Collected;
    try {
      collected = await this.collect(createExchange(batch.exchange, creds, this.clientOptions), profile, batch);
    } catch (e) {
      if (e instanceof SyncFailed) return this.fail(batch, e.message);
      throw e; // infrastructure: nothing stored, the job is retried
    }
    const credentialId = batch.credential_id;
    const added = await this.ds.transaction(async (tx) => {
      let n = 0;
      for (let i = 0; i < collected.events.length; i += 5000) {
        n += await insertLedgerEvents(tx, { firmId: batch.firm_id, clientId: batch.client_id, accountId: batch.account_id, batchId }, collected.events.slice(i, i + 5000));
      }
      await this.repo.finishSucceeded(tx, { batchId, credentialId, cursors: collected.cursors, balances: collected.balances, added: n, seen: collected.events.length, issues: collected.issues });
      await recordAudit(tx, {
        firmId: batch.firm_id,
        actorUserId: batch.created_by,
        action: 'exchange.synced',
        subjectType: 'exchange_credential',
        subjectId: credentialId,
        details: { batchId, exchange: profile.id, eventsAdded: n, duplicatesSkipped: collected.events.length - n, issueCount: collected.issues.length },
      });
      return n;
    });
    this.logger.log(`sync ${batchId} (${profile.id}) succeeded: ${added} new events, ${collected.events.length - added} already known, ${collected.issues.length} issues`);
    return { status: 'succeeded', eventsAdded: added, duplicatesSkipped: collected.events.length - added, issueCount: collected.issues.length, error: null };
  }

  private async collect(ex: Exchange, profile: ExchangeProfile, batch: SyncBatchRow): Promise<Collected> {
    const ctx = { exchange: profile.id, account: batch.account_name };
    const cursors: { -readonly [K in ExchangeStream]?: { since: number } } = { ...(batch.cursors ?? {}) };
    const events: LedgerEvent[] = [];
    const issues: ImportIssueView[] = [];
    const step = async <T>(what: { label: string; permission: string }, fn: () => Promise<T>): Promise<T> => {
      try {
        return await fn();
      } catch (e) {
        const failure = describeExchangeError(e, profile, what);
        if (failure) throw new SyncFailed(failure.message);
        throw e;
      }
    };
    const take = (stream: ExchangeStream, mapped: Mapped) => {
      if ('event' in mapped) events.push(mapped.event);
      else if ('issue' in mapped) issues.push({ file: `${profile.label} API`, line: 0, column: stream, value: mapped.issue.recordId, code: mapped.issue.code, message: mapped.issue.message });
    };
    // Some exchanges read account details (fee tier) while loading markets: a refusal there names the read permission.
    await step({ label: 'markets', permission: profile.balancePermission }, () => withBackoff(() => ex.loadMarkets(), this.backoff));
    for (const [stream, plan] of Object.entries(profile.streams) as [ExchangeStream, NonNullable<ExchangeProfile['streams'][ExchangeStream]>][]) {
      const what = { label: STREAM_LABELS[stream], permission: plan.permission };
      const since = cursors[stream]?.since;
      const pageSize = plan.pageSize ?? profile.pageSize;
      let newest: number | undefined;
      let oldestPending: number | undefined;
      if (stream === 'trades') {
        // Exchanges that answer trades per market only are asked market by market (see the profile).
        const symbols = profile.tradeMarkets === 'all-spot' ? Object.values(ex.markets ?? {}).filter((m) => m?.spot).map((m) => m?.symbol as string) : [undefined];
        const trades: Trade[] = [];
        for (const symbol of symbols) trades.push(...(await step(what, () => fetchAllPages((s, l, p) => ex.fetchMyTrades(symbol, s, l, p), plan, pageSize, since, this.backoff))));
        for (const t of trades) take(stream, mapTrade(t, ctx, profile.raw.trade));
        newest = maxTime(trades);
      } else if (stream === 'transfers') {
        const read = profile.readTransfers;
        const txs = await step(what, () => (read ? read(ex, since, this.backoff) : fetchAllPages((s, l, p) => ex.fetchDepositsWithdrawals(undefined, s, l, p), plan, pageSize, since, this.backoff)));
        for (const t of txs) take(stream, mapTransfer(t, ctx, profile));
        newest = maxTime(txs);
        oldestPending = minTime(txs.filter((t) => String(t.status).toLowerCase() === 'pending'));
      } else if (stream === 'ledger') {
        if (!profile.incomeKindOf || !ex.has['fetchLedger']) continue;
        const incomeKindOf = profile.incomeKindOf;
        const entries = await step(what, () => fetchAllPages((s, l, p) => ex.fetchLedger(undefined, s, l, p), plan, pageSize, since, this.backoff));
        for (const e of entries) take(stream, mapLedgerEntry(e, ctx, profile.raw.ledger, incomeKindOf));
        newest = maxTime(entries);
      } else {
        const fetch = stream === 'deposits' ? ex.fetchDeposits.bind(ex) : ex.fetchWithdrawals.bind(ex);
        const txs = await step(what, () => fetchAllPages((s, l, p) => fetch(undefined, s, l, p), plan, pageSize, since, this.backoff));
        for (const t of txs) take(stream, mapTransaction(t, stream, ctx, profile.raw.transaction));
        newest = maxTime(txs);
        // A pending transfer is read again next time, until it completes or fails.
        oldestPending = minTime(txs.filter((t) => String(t.status).toLowerCase() === 'pending'));
      }
      const next = oldestPending ?? newest;
      if (next !== undefined) cursors[stream] = { since: Math.max(next, since ?? 0) };
    }
    const balances = await step({ label: 'balances', permission: profile.balancePermission }, () => withBackoff(() => ex.fetchBalance(), this.backoff).then((b) => readBalances(ex, profile, b)));
    return { events, issues, cursors, balances };
  }

  private async fail(batch: SyncBatchRow, message: string): Promise<SyncOutcome> {
    await this.ds.transaction(async (tx) => {
      await this.repo.finishFailed(tx, batch.id, batch.credential_id, message);
      await recordAudit(tx, {
        firmId: batch.firm_id,
        actorUserId: batch.created_by,
        action: 'exchange.sync_failed',
        subjectType: 'exchange_credential',
        subjectId: batch.credential_id,
        details: { batchId: batch.id, exchange: batch.exchange, error: message },
      });
    });
    this.logger.warn(`sync ${batch.id} (${batch.exchange ?? 'removed connection'}) failed: ${message}`);
    return { status: 'failed', eventsAdded: 0, duplicatesSkipped: 0, issueCount: 0, error: message };
  }
}

/** One record of a `transfers` stream, by what the profile says it is. */
function mapTransfer(t: Transaction, ctx: MapContext, profile: ExchangeProfile): Mapped {
  const kind = (profile.transferKindOf ?? defaultTransferKind)(t);
  if (kind.kind === 'skip') return { skip: kind.reason };
  if (kind.kind === 'issue') return { issue: { recordId: t.id ?? '?', code: 'UNSUPPORTED_TYPE', message: kind.message } };
  if (kind.kind === 'income') return mapIncomeTransfer(t, ctx, profile.raw.transaction, kind.incomeKind);
  return mapTransaction(t, kind.kind, ctx, profile.raw.transaction);
}

const defaultTransferKind = (t: Transaction): TransferKind =>
  t.type === 'deposit' ? { kind: 'deposits' } : t.type === 'withdrawal' ? { kind: 'withdrawals' } : { kind: 'issue', message: `Transfer ${t.id ?? ''} is neither a deposit nor a withdrawal.` };

const maxTime = (rows: readonly { timestamp?: number | undefined }[]) => rows.reduce<number | undefined>((m, r) => (r.timestamp !== undefined && (m === undefined || r.timestamp > m) ? r.timestamp : m), undefined);
const minTime = (rows: readonly { timestamp?: number | undefined }[]) => rows.reduce<number | undefined>((m, r) => (r.timestamp !== undefined && (m === undefined || r.timestamp < m) ? r.timestamp : m), undefined);

const outcomeOf = (b: SyncBatchRow): SyncOutcome => ({
  status: b.status === 'succeeded' ? 'succeeded' : 'failed',
  eventsAdded: b.events_added,
  duplicatesSkipped: b.duplicates_skipped,
  issueCount: b.issue_count,
  error: b.error,
});
