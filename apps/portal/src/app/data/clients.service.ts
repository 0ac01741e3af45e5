import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { ClientDetail, ClientListResponse, ClientSort, ClientStatus, CreateClientRequest, UpdateClientRequest } from '@lotline/contracts';
import { Observable } from 'rxjs';

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

  /** The client withdraws the data-sharing consent. */
  revokeConsent(id: string): Observable<ClientDetail> {
    return this.http.delete<ClientDetail>(`/api/clients/${encodeURIComponent(id)}/consent`);
  }
}
