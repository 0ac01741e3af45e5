import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { AuditListResponse } from '@lotline/contracts';
import { Observable } from 'rxjs';
import { SessionService } from '../core/session.service';

export interface AuditQuery {
  readonly action: string;
  readonly actorId: string;
  /** yyyy-mm-dd or empty */
  readonly from: string;
  readonly to: string;
  readonly page: number;
  readonly pageSize: number;
}

function filterParams(q: Omit<AuditQuery, 'page' | 'pageSize'>): HttpParams {
  let params = new HttpParams();
  if (q.action.trim()) params = params.set('action', q.action.trim());
  if (q.actorId) params = params.set('actorId', q.actorId);
  if (q.from) params = params.set('from', q.from);
  if (q.to) params = params.set('to', q.to);
  return params;
}

/** The firm's audit log (firm admin): a page of entries, and the CSV export of the filtered log. */
@Injectable({ providedIn: 'root' })
export class AuditService {
  private readonly http = inject(HttpClient);
  private readonly session = inject(SessionService);

  list(q: AuditQuery): Observable<AuditListResponse> {
    const params = filterParams(q).set('page', q.page).set('pageSize', q.pageSize);
    return this.http.get<AuditListResponse>('/api/audit', { params });
  }

  /** /api/audit.csv with the bearer token (a plain link cannot carry it); refreshes once on a 401. */
  async exportCsv(q: Omit<AuditQuery, 'page' | 'pageSize'>): Promise<Blob> {
    const query = filterParams(q).toString();
    const url = `/api/audit.csv${query ? `?${query}` : ''}`;
    const call = () => fetch(url, { headers: { Authorization: `Bearer ${this.session.accessToken() ?? ''}` }, credentials: 'same-origin' });
    let res = await call();
    if (res.status === 401 && (await new Promise<boolean>((ok) => this.session.refresh().subscribe(ok)))) res = await call();
    if (!res.ok) throw new Error(`The export failed (${res.status}).`);
    return res.blob();
  }
}
