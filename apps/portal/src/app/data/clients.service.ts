import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { ClientDetail, ClientListResponse, ClientSort, ClientStatus, CreateClientRequest, PriceFetchRunView, UpdateClientRequest } from '@lotline/contracts';
import { Observable } from 'rxjs';
import { silent } from '../core/http-context';

export interface ClientQuery {
  readonly taxYear: number;
  readonly search: string;
  readonly status: ClientStatus | '';
  readonly preparerId: string;
  readonly sort: ClientSort;
  readonly page: number;
  readonly pageSize: number;
}

/** The firm's clients (admin: all; preparer: assigned; client: their own record). */
@Injectable({ providedIn: 'root' })
export class ClientsService {
  private readonly http = inject(HttpClient);

  list(q: ClientQuery): Observable<ClientListResponse> {
    let params = new HttpParams().set('taxYear', q.taxYear).set('sort', q.sort).set('page', q.page).set('pageSize', q.pageSize);
    if (q.search.trim()) params = params.set('search', q.search.trim());
    if (q.status) params = params.set('status', q.status);
    if (q.preparerId) params = params.set('preparerId', q.preparerId);
    return this.http.get<ClientListResponse>('/api/clients', { params });
  }

  get(id: string): Observable<ClientDetail> {
    return this.http.get<ClientDetail>(`/api/clients/${encodeURIComponent(id)}`);
  }

  create(body: CreateClientRequest): Observable<ClientDetail> {
    return this.http.post<ClientDetail>('/api/clients', body);
  }

  update(id: string, body: UpdateClientRequest): Observable<ClientDetail> {
    return this.http.patch<ClientDetail>(`/api/clients/${encodeURIComponent(id)}`, body);
  }

  assignPreparers(id: string, userIds: readonly string[]): Observable<ClientDetail> {
    return this.http.put<ClientDetail>(`/api/clients/${encodeURIComponent(id)}/preparers`, { userIds });
  }

  /** The client's "I'm done uploading" for a tax year. */
  submit(id: string, taxYear: number): Observable<ClientDetail> {
    return this.http.post<ClientDetail>(`/api/clients/${encodeURIComponent(id)}/submit`, { taxYear });
  }

  /** Staff: stores the client's SSN/ITIN/EIN (sealed; only the last 4 digits ever come back). Errors shown by the caller. */
  setTaxpayerId(id: string, taxpayerId: string): Observable<ClientDetail> {
    return this.http.put<ClientDetail>(`/api/clients/${encodeURIComponent(id)}/taxpayer-id`, { taxpayerId }, { context: silent() });
  }

  removeTaxpayerId(id: string): Observable<ClientDetail> {
    return this.http.delete<ClientDetail>(`/api/clients/${encodeURIComponent(id)}/taxpayer-id`);
  }

  /** Staff: fetches the daily prices the client's events miss from the configured exchange (409 when none is configured). */
  fetchPrices(id: string): Observable<PriceFetchRunView> {
    return this.http.post<PriceFetchRunView>(`/api/clients/${encodeURIComponent(id)}/prices/fetch`, {}, { context: silent() });
  }

  /** The client withdraws the data-sharing consent. */
  revokeConsent(id: string): Observable<ClientDetail> {
    return this.http.delete<ClientDetail>(`/api/clients/${encodeURIComponent(id)}/consent`);
  }
}
