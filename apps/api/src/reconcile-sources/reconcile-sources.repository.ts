import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Form1099DaLine } from '@lotline/importers';
import type { PriceQuote, ReportedBalance } from '@lotline/reconciliation';

/** What reconciliation reads besides the ledger: USD price quotes, exchange-reported balances and 1099-DA lines. */
export interface ReconcileSources {
  readonly priceTable: PriceQuote[];
  readonly reportedBalances: ReportedBalance[];
  readonly form1099Da: Form1099DaLine[];
}

/** Reconciliation inputs of one client; every query is scoped by firm and client. */
@Injectable()
export class ReconcileSourcesRepository {
  constructor(private readonly ds: DataSource) {}

  // First version: the tables arrive with the prices-and-broker-forms migration.
  async load(m: EntityManager, firmId: string, clientId: string): Promise<ReconcileSources> {
    void m;
    void firmId;
    void clientId;
    void this.ds;
    return { priceTable: [], reportedBalances: [], form1099Da: [] };
  }
}
