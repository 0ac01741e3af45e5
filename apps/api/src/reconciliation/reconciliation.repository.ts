import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type {
  ClientStatus,
  CostBasisMethod,
  LedgerEventView,
  MatchSuggestionView,
  RecomputeStatusView,
  ResolutionAction,
  ResolutionView,
  WarningKind,
  WarningSeverity,
  WarningStatus,
  WarningView,
} from '@lotline/contracts';
import { one, rows } from '../common/sql';
import { EVENT_COLUMNS, toLedgerEvent } from './recon-input.repository';
import { storedRow, type StoredForm8949Row, type StoredYearSummary } from './recon-output.repository';

export interface WarningFilter {
  readonly firmId: string;
  /** Only clients assigned to this preparer, or null for the whole firm. */
  readonly assignedTo: string | null;
  readonly clientId?: string;
  readonly kind?: WarningKind;
  readonly severity?: WarningSeverity;
  readonly status?: WarningStatus;
  readonly blocking?: boolean;
  readonly limit: number;
  readonly offset: number;
}

export interface StoredWarning extends WarningView {
  readonly suggestions: readonly MatchSuggestionView[];
}

export interface NewResolution {
  readonly id: string;
  readonly firmId: string;
  readonly clientId: string;
  readonly warningIds: readonly string[];
  readonly action: ResolutionAction;
  readonly payload: Readonly<Record<string, unknown>>;
  readonly reason: string;
  readonly evidenceNote: string | null;
  readonly byClient: boolean;
  readonly batchId: string | null;
  readonly undoes: string | null;
  readonly createdBy: string;
  readonly createdAt: Date;
}

const WARNING_SELECT = `
  SELECT w.id, w.key, w.client_id AS "clientId", c.display_name AS "clientName", w.kind, w.severity, w.blocking, w.status,
         w.resolved_by AS "resolvedBy", w.account, w.asset, w.at, w.event_ids AS "eventIds", w.message, w.actions, w.code,
         jsonb_array_length(w.suggestions) AS "suggestionCount", w.suggestions
    FROM recon_warning w JOIN client c ON c.id = w.client_id AND c.firm_id = w.firm_id`;

const RESOLUTION_SELECT = `
  SELECT r.id, r.client_id AS "clientId", r.action, r.payload, r.warning_ids AS "warningIds", r.reason, r.evidence_note AS "evidenceNote",
         r.by_client AS "byClient", r.batch_id AS "batchId", r.created_at AS "createdAt", r.created_by AS "createdById", u.display_name AS "createdByName",
         un.id AS "undoneBy", un.created_at AS "undoneAt"
    FROM resolution r
    LEFT JOIN app_user u ON u.id = r.created_by
    LEFT JOIN LATERAL (SELECT x.id, x.created_at FROM resolution x WHERE x.undoes = r.id AND x.firm_id = r.firm_id
                        AND NOT EXISTS (SELECT 1 FROM resolution y WHERE y.undoes = x.id) ORDER BY x.created_at DESC LIMIT 1) un ON true`;

type ResolutionRow = Omit<ResolutionView, 'createdBy' | 'createdAt' | 'undoneAt'> & { createdAt: Date; createdById: string | null; createdByName: string | null; undoneAt: Date | null };

const iso = (d: Date | null) => (d === null ? null : d.toISOString());

function warningView(r: StoredWarning): StoredWarning {
  const at: unknown = r.at;
  return { ...r, at: at instanceof Date ? at.toISOString() : r.at, suggestionCount: Number(r.suggestionCount) };
}

function resolutionView(r: ResolutionRow): ResolutionView {
  return {
    id: r.id,
    clientId: r.clientId,
    action: r.action,
    payload: r.payload,
    warningIds: r.warningIds,
    reason: r.reason,
    evidenceNote: r.evidenceNote,
    createdBy: r.createdById ? { id: r.createdById, displayName: r.createdByName ?? '' } : null,
    createdAt: r.createdAt.toISOString(),
    byClient: r.byClient,
    batchId: r.batchId,
    undoneBy: r.undoneBy,
    undoneAt: iso(r.undoneAt),
  };
}

/** Reads of stored reconciliation results and resolution records; every query is firm-scoped. */
@Injectable()
export class ReconciliationRepository {
  constructor(private readonly ds: DataSource) {}

  async warnings(f: WarningFilter): Promise<{ items: StoredWarning[]; total: number; countsByKind: Record<string, number>; openBlocking: number }> {
    const params: unknown[] = [f.firmId, f.assignedTo, f.clientId ?? null];
    const scope = `w.firm_id = $1 AND ($3::uuid IS NULL OR w.client_id = $3)
      AND ($2::uuid IS NULL OR EXISTS (SELECT 1 FROM client_preparer cp WHERE cp.firm_id = w.firm_id AND cp.client_id = w.client_id AND cp.user_id = $2))`;
    const conds: string[] = [];
    const add = (sql: string, v: unknown) => {
      params.push(v);
      conds.push(sql.replace('?', `$${params.length}`));
    };
    if (f.severity) add('w.severity = ?', f.severity);
    if (f.status) add('w.status = ?', f.status);
    if (f.blocking !== undefined) add('w.blocking = ?', f.blocking);
    const base = [scope, ...conds].join(' AND ');
    const kindCond = f.kind ? ` AND w.kind = $${params.length + 1}` : '';
    const withKind = f.kind ? [...params, f.kind] : params;
    const items = await rows<StoredWarning & { total: string }>(
      this.ds.manager,
      `${WARNING_SELECT} WHERE ${base}${kindCond}
       ORDER BY w.blocking DESC, array_position(ARRAY['high','medium','low'], w.severity), w.at NULLS LAST, w.client_id, w.id
       LIMIT ${f.limit} OFFSET ${f.offset}`,
      withKind,
    );
    const total = await one<{ n: string }>(this.ds.manager, `SELECT count(*) AS n FROM recon_warning w WHERE ${base}${kindCond}`, withKind);
    const counts = await rows<{ kind: string; n: string }>(this.ds.manager, `SELECT w.kind, count(*) AS n FROM recon_warning w WHERE ${base} GROUP BY w.kind`, params);
    const blocking = await one<{ n: string }>(this.ds.manager, `SELECT count(*) AS n FROM recon_warning w WHERE ${scope} AND w.status = 'open' AND w.blocking`, params.slice(0, 3));
    return {
      items: items.map(warningView),
      total: Number(total?.n ?? 0),
      countsByKind: Object.fromEntries(counts.map((c) => [c.kind, Number(c.n)])),
      openBlocking: Number(blocking?.n ?? 0),
    };
  }

  async warningByKey(firmId: string, clientId: string, key: string): Promise<StoredWarning | null> {
    const r = await one<StoredWarning>(this.ds.manager, `${WARNING_SELECT} WHERE w.firm_id = $1 AND w.client_id = $2 AND w.key = $3`, [firmId, clientId, key]);
    return r ? warningView(r) : null;
  }

  async openWarningsOfKinds(firmId: string, clientId: string, kinds: readonly string[]): Promise<StoredWarning[]> {
    const list = await rows<StoredWarning>(this.ds.manager, `${WARNING_SELECT} WHERE w.firm_id = $1 AND w.client_id = $2 AND w.status = 'open' AND w.kind = ANY($3) ORDER BY w.at NULLS LAST, w.id`, [firmId, clientId, kinds]);
    return list.map(warningView);
  }

  async existingWarningIds(firmId: string, clientId: string, ids: readonly string[]): Promise<string[]> {
    return (await rows<{ id: string }>(this.ds.manager, `SELECT id FROM recon_warning WHERE firm_id = $1 AND client_id = $2 AND id = ANY($3::text[])`, [firmId, clientId, ids])).map((r) => r.id);
  }

  async openWarningsByKind(firmId: string, clientId: string): Promise<Record<string, number>> {
    const list = await rows<{ kind: string; n: string }>(this.ds.manager, `SELECT kind, count(*) AS n FROM recon_warning WHERE firm_id = $1 AND client_id = $2 AND status = 'open' GROUP BY kind`, [firmId, clientId]);
    return Object.fromEntries(list.map((c) => [c.kind, Number(c.n)]));
  }

  /** Imported ledger rows by id (ids of events reconciliation created are resolved to their sources by the caller). */
  async events(firmId: string, clientId: string, ids: readonly string[]): Promise<LedgerEventView[]> {
    const numeric = [...new Set(ids.filter((id) => /^\d{1,18}$/.test(id)))];
    if (numeric.length === 0) return [];
    const list = await rows<Parameters<typeof toLedgerEvent>[0]>(this.ds.manager, `SELECT ${EVENT_COLUMNS} FROM ledger_event WHERE firm_id = $1 AND client_id = $2 AND id = ANY($3::bigint[]) ORDER BY occurred_at, id`, [firmId, clientId, numeric]);
    return list.map((r) => {
      const e = toLedgerEvent(r);
      const amount = (a: typeof e.sent) => (a ? { asset: a.asset, amount: a.amount.toFixed() } : null);
      const src = e.source;
      return {
        id: e.id,
        account: e.account,
        timestamp: e.timestamp,
        type: e.type,
        sent: amount(e.sent),
        received: amount(e.received),
        fee: amount(e.fee),
        usdValue: e.usdValue ? e.usdValue.toFixed() : null,
        externalId: e.externalId ?? null,
        source: src.kind === 'file' ? { kind: 'file', fileName: src.fileName, line: src.line } : src.kind === 'api' ? { kind: 'api', exchange: src.exchange, recordId: src.recordId } : { kind: 'manual', resolutionId: src.enteredBy },
      };
    });
  }

  async insertResolutions(m: EntityManager, list: readonly NewResolution[]): Promise<void> {
    for (const r of list) {
      await m.query(
        `INSERT INTO resolution (id, firm_id, client_id, warning_ids, action, payload, reason, evidence_note, by_client, batch_id, undoes, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
        [r.id, r.firmId, r.clientId, r.warningIds, r.action, JSON.stringify(r.payload), r.reason, r.evidenceNote, r.byClient, r.batchId, r.undoes, r.createdBy, r.createdAt],
      );
    }
  }

  async resolutions(firmId: string, clientId: string, limit: number, offset: number): Promise<{ items: ResolutionView[]; total: number }> {
    const list = await rows<ResolutionRow>(this.ds.manager, `${RESOLUTION_SELECT} WHERE r.firm_id = $1 AND r.client_id = $2 ORDER BY r.created_at DESC, r.id DESC LIMIT ${limit} OFFSET ${offset}`, [firmId, clientId]);
    const total = await one<{ n: string }>(this.ds.manager, `SELECT count(*) AS n FROM resolution WHERE firm_id = $1 AND client_id = $2`, [firmId, clientId]);
    return { items: list.map(resolutionView), total: Number(total?.n ?? 0) };
  }

  async resolutionsByIds(firmId: string, clientId: string, ids: readonly string[], m: EntityManager = this.ds.manager): Promise<ResolutionView[]> {
    if (ids.length === 0) return [];
    const list = await rows<ResolutionRow>(m, `${RESOLUTION_SELECT} WHERE r.firm_id = $1 AND r.client_id = $2 AND r.id = ANY($3::uuid[]) ORDER BY r.created_at, r.id`, [firmId, clientId, ids]);
    return list.map(resolutionView);
  }

  async resolutionsForWarning(firmId: string, clientId: string, warningId: string): Promise<ResolutionView[]> {
    const list = await rows<ResolutionRow>(this.ds.manager, `${RESOLUTION_SELECT} WHERE r.firm_id = $1 AND r.client_id = $2 AND $3 = ANY(r.warning_ids) ORDER BY r.created_at DESC, r.id DESC`, [firmId, clientId, warningId]);
    return list.map(resolutionView);
  }

  async state(firmId: string, clientId: string): Promise<RecomputeStatusView> {
    const r = await one<{ state: RecomputeStatusView['state']; computedAt: Date | null; lastError: string | null; inputsHash: string | null; eventCount: number | null; engineVersion: string | null; openWarnings: number; openBlocking: number }>(
      this.ds.manager,
      `SELECT state, computed_at AS "computedAt", last_error AS "lastError", inputs_hash AS "inputsHash", event_count AS "eventCount", engine_version AS "engineVersion",
              open_warnings AS "openWarnings", open_blocking AS "openBlocking"
         FROM recon_state WHERE firm_id = $1 AND client_id = $2`,
      [firmId, clientId],
    );
    if (!r) return { clientId, state: 'never', lastComputedAt: null, lastError: null, inputsHash: null, eventCount: null, engineVersion: null, openWarnings: 0, openBlocking: 0 };
    return { clientId, state: r.state, lastComputedAt: iso(r.computedAt), lastError: r.lastError, inputsHash: r.inputsHash, eventCount: r.eventCount, engineVersion: r.engineVersion, openWarnings: r.openWarnings, openBlocking: r.openBlocking };
  }

  async year(firmId: string, clientId: string, year: number): Promise<{ method: string; scope: string; summary: StoredYearSummary; assets: unknown[]; holdings: unknown[] } | null> {
    return one(this.ds.manager, `SELECT method, scope, summary, assets, holdings FROM recon_year WHERE firm_id = $1 AND client_id = $2 AND tax_year = $3`, [firmId, clientId, year]);
  }

  /** Stored 8949 rows numbered `from`..`to` (inclusive) of the tax year, in row order. */
  async form8949Rows(firmId: string, clientId: string, year: number, from: number, to: number): Promise<StoredForm8949Row[]> {
    if (to < from) return [];
    const chunks = await rows<{ rows: unknown[] }>(
      this.ds.manager,
      `SELECT rows FROM recon_form8949_chunk WHERE firm_id = $1 AND client_id = $2 AND tax_year = $3 AND last_row >= $4 AND first_row <= $5 ORDER BY first_row`,
      [firmId, clientId, year, from, to],
    );
    return chunks.flatMap((c) => c.rows.map(storedRow)).filter((r) => r.rowNo >= from && r.rowNo <= to);
  }

  async chosenMethod(firmId: string, clientId: string, year: number): Promise<{ method: CostBasisMethod; chosenAt: Date; chosenById: string | null; chosenByName: string | null } | null> {
    return one(
      this.ds.manager,
      `SELECT t.method, t.chosen_at AS "chosenAt", t.chosen_by AS "chosenById", u.display_name AS "chosenByName"
         FROM tax_year_method t LEFT JOIN app_user u ON u.id = t.chosen_by WHERE t.firm_id = $1 AND t.client_id = $2 AND t.tax_year = $3`,
      [firmId, clientId, year],
    );
  }

  async methodDefaults(firmId: string, clientId: string): Promise<{ clientMethod: CostBasisMethod | null; firmMethod: CostBasisMethod } | null> {
    return one(this.ds.manager, `SELECT c.default_method AS "clientMethod", f.default_method AS "firmMethod" FROM client c JOIN firm f ON f.id = c.firm_id WHERE c.firm_id = $1 AND c.id = $2`, [firmId, clientId]);
  }

  async saveMethod(m: EntityManager, firmId: string, clientId: string, year: number, method: CostBasisMethod, userId: string, at: Date): Promise<CostBasisMethod | null> {
    const before = await one<{ method: CostBasisMethod }>(m, `SELECT method FROM tax_year_method WHERE firm_id = $1 AND client_id = $2 AND tax_year = $3`, [firmId, clientId, year]);
    await m.query(
      `INSERT INTO tax_year_method (firm_id, client_id, tax_year, method, chosen_by, chosen_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (client_id, tax_year) DO UPDATE SET method = EXCLUDED.method, chosen_by = EXCLUDED.chosen_by, chosen_at = EXCLUDED.chosen_at WHERE tax_year_method.firm_id = EXCLUDED.firm_id`,
      [firmId, clientId, year, method, userId, at],
    );
    return before?.method ?? null;
  }

  async taxYearStatus(firmId: string, clientId: string, year: number): Promise<ClientStatus | null> {
    return (await one<{ status: ClientStatus }>(this.ds.manager, `SELECT status FROM client_tax_year WHERE firm_id = $1 AND client_id = $2 AND tax_year = $3`, [firmId, clientId, year]))?.status ?? null;
  }

  async firmSettings(m: EntityManager, firmId: string): Promise<Record<string, unknown>> {
    return (await one<{ settings: Record<string, unknown> }>(m, `SELECT settings FROM firm WHERE id = $1 FOR UPDATE`, [firmId]))?.settings ?? {};
  }

  async saveFirmReconSettings(m: EntityManager, firmId: string, value: unknown): Promise<void> {
    await m.query(`UPDATE firm SET settings = jsonb_set(settings, '{reconciliation}', $2::jsonb) WHERE id = $1`, [firmId, JSON.stringify(value)]);
  }

  async firmClientIds(firmId: string): Promise<string[]> {
    return (await rows<{ id: string }>(this.ds.manager, `SELECT client_id AS id FROM recon_state WHERE firm_id = $1`, [firmId])).map((r) => r.id);
  }
}
