import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  AcceptSuggestionsRequest,
  AppliedMatchListResponse,
  AppliedMatchQuery,
  AnswerQuestionRequest,
  BulkResolutionResponse,
  ChooseMethodRequest,
  ClientQuestionListResponse,
  Form8949PageResponse,
  Form8949Query,
  Form8949RowDetail,
  MarkDustRequest,
  PreviewResponse,
  PriceListResponse,
  RecomputeState,
  RecomputeStatusView,
  ResolutionListResponse,
  ResolutionView,
  ResolveRequest,
  TaxYearMethodView,
  WarningDetail,
  WarningQueueQuery,
  WarningQueueResponse,
  WhatIfResponse,
} from '@lotline/contracts';
import { Observable, expand, map, of, switchMap, takeWhile, timer } from 'rxjs';
import { silent } from '../core/http-context';

/** First wait before asking again for a running recompute; each next wait is 1.5 times longer, at most RECOMPUTE_POLL_MAX_MS. */
export const RECOMPUTE_POLL_MS = 500;
export const RECOMPUTE_POLL_MAX_MS = 5000;
/** While nothing is running, how often an open page looks for a recompute started elsewhere (an import, a client's answer). */
export const RECOMPUTE_IDLE_POLL_MS = 15_000;
/** How many times a stale "done" is asked again after a change before it is taken as the answer. */
export const STALE_ATTEMPTS = 4;

/** A recompute that will not change any more (until the next resolution). */
export function isSettled(state: RecomputeState): boolean {
  return state === 'done' || state === 'failed' || state === 'never';
}

/** The wait before poll number `attempt` (0-based): 500, 750, 1125, ... ms, capped. */
export function backoffMs(attempt: number): number {
  return Math.min(RECOMPUTE_POLL_MAX_MS, Math.round(RECOMPUTE_POLL_MS * 1.5 ** attempt));
}

function client(clientId: string): string {
  return `/api/clients/${encodeURIComponent(clientId)}`;
}

function year(clientId: string, taxYear: number): string {
  return `${client(clientId)}/tax-years/${taxYear}`;
}

/** Query parameters without the empty ones. */
function params(q: Readonly<Record<string, string | number | undefined>>): HttpParams {
  let p = new HttpParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== '') p = p.set(k, v);
  return p;
}

/** Reconciliation of a client: the warning queue, resolutions (and undo), recompute status, preview, what-if, client questions. */
@Injectable({ providedIn: 'root' })
export class ReconciliationService {
  private readonly http = inject(HttpClient);

  /** The firm-wide queue (admin: every client; preparer: assigned clients, filtered by the API), or one client's. */
  warnings(q: WarningQueueQuery, clientId?: string): Observable<WarningQueueResponse> {
    const url = clientId ? `${client(clientId)}/warnings` : '/api/warnings';
    const { kind, severity, status, blocking, page, pageSize } = q;
    return this.http.get<WarningQueueResponse>(url, { params: params({ kind, severity, status, blocking, page, pageSize, clientId: clientId ? undefined : q.clientId }) });
  }

  warning(clientId: string, key: string): Observable<WarningDetail> {
    return this.http.get<WarningDetail>(`${client(clientId)}/warnings/${encodeURIComponent(key)}`);
  }

  /** A bad payload answers 400 naming the field; the dialog shows it (silent). */
  resolve(clientId: string, body: ResolveRequest): Observable<ResolutionView> {
    return this.http.post<ResolutionView>(`${client(clientId)}/resolutions`, body, { context: silent() });
  }

  resolutions(clientId: string, page = 1, pageSize = 20): Observable<ResolutionListResponse> {
    return this.http.get<ResolutionListResponse>(`${client(clientId)}/resolutions`, { params: params({ page, pageSize }) });
  }

  /** Applied transfer matches of the latest computation (automatic and manual), paged. */
  matches(clientId: string, q: AppliedMatchQuery = {}): Observable<AppliedMatchListResponse> {
    const { origin, page, pageSize } = q;
    return this.http.get<AppliedMatchListResponse>(`${client(clientId)}/matches`, { params: params({ origin, page, pageSize }) });
  }

  undo(clientId: string, resolutionId: string, reason: string): Observable<ResolutionView> {
    return this.http.post<ResolutionView>(`${client(clientId)}/resolutions/${encodeURIComponent(resolutionId)}/undo`, { reason });
  }

  acceptSuggestions(clientId: string, body: AcceptSuggestionsRequest): Observable<BulkResolutionResponse> {
    return this.http.post<BulkResolutionResponse>(`${client(clientId)}/resolutions/accept-suggestions`, body);
  }

  markDust(clientId: string, body: MarkDustRequest): Observable<BulkResolutionResponse> {
    return this.http.post<BulkResolutionResponse>(`${client(clientId)}/resolutions/mark-dust`, body);
  }

  recomputeStatus(clientId: string): Observable<RecomputeStatusView> {
    return this.http.get<RecomputeStatusView>(`${client(clientId)}/recompute`);
  }

  recompute(clientId: string): Observable<RecomputeStatusView> {
    return this.http.post<RecomputeStatusView>(`${client(clientId)}/recompute`, {});
  }

  /**
   * Follows a recompute: asks at once, then again after a growing wait (backoffMs) while it is queued or running,
   * emitting every answer; completes after the first settled one. Unsubscribing stops it; an error ends it.
   * `staleComputedAt`: the computation time seen before a change; a "done" still showing it is the previous result
   * (the new job may not be visible yet), so it is asked again, up to STALE_ATTEMPTS times.
   */
  watchRecompute(clientId: string, staleComputedAt?: string | null): Observable<RecomputeStatusView> {
    const settled = (s: RecomputeStatusView, attempt: number) =>
      isSettled(s.state) && !(staleComputedAt !== undefined && s.state === 'done' && s.lastComputedAt === staleComputedAt && attempt < STALE_ATTEMPTS);
    const ask = (attempt: number) => this.recomputeStatus(clientId).pipe(map((s) => ({ s, attempt, done: settled(s, attempt) })));
    return ask(0).pipe(
      expand(({ done, attempt }) => (done ? of() : timer(backoffMs(attempt)).pipe(switchMap(() => ask(attempt + 1))))),
      takeWhile(({ done }) => !done, true),
      map(({ s }) => s),
    );
  }

  preview(clientId: string, taxYear: number): Observable<PreviewResponse> {
    return this.http.get<PreviewResponse>(`${year(clientId, taxYear)}/preview`);
  }

  form8949(clientId: string, taxYear: number, q: Form8949Query = {}): Observable<Form8949PageResponse> {
    const { page, pageSize, term, box, asset } = q;
    return this.http.get<Form8949PageResponse>(`${year(clientId, taxYear)}/form8949`, { params: params({ page, pageSize, term, box, asset }) });
  }

  form8949Row(clientId: string, taxYear: number, rowNo: number): Observable<Form8949RowDetail> {
    return this.http.get<Form8949RowDetail>(`${year(clientId, taxYear)}/form8949/${rowNo}`);
  }

  whatIf(clientId: string, taxYear: number): Observable<WhatIfResponse> {
    return this.http.get<WhatIfResponse>(`${year(clientId, taxYear)}/what-if`);
  }

  chooseMethod(clientId: string, taxYear: number, body: ChooseMethodRequest): Observable<TaxYearMethodView> {
    return this.http.put<TaxYearMethodView>(`${year(clientId, taxYear)}/method`, body);
  }

  /**
   * The firm's price table for one asset between two instants (staff), to pick a price for an event. It lives here
   * rather than in a prices service because the resolution dialog is its only user in the portal so far. Optional
   * help: a failure only hides the picker (silent).
   */
  priceHistory(asset: string, from: string, to: string, pageSize = 10): Observable<PriceListResponse> {
    return this.http.get<PriceListResponse>('/api/prices', { params: params({ asset, from, to, pageSize }), context: silent() });
  }

  questions(clientId: string): Observable<ClientQuestionListResponse> {
    return this.http.get<ClientQuestionListResponse>(`${client(clientId)}/questions`);
  }

  /** Failures are shown next to the question (silent). */
  answer(clientId: string, key: string, body: AnswerQuestionRequest): Observable<ClientQuestionListResponse> {
    return this.http.post<ClientQuestionListResponse>(`${client(clientId)}/questions/${encodeURIComponent(key)}/answer`, body, { context: silent() });
  }
}
