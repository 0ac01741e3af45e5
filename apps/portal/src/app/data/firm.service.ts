import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { FirmSettings, PriceImportResult, PriceListResponse, ReconciliationSettingsView, UpdateFirmSettingsRequest, UpdateReconciliationSettingsRequest } from '@lotline/contracts';
import { Observable } from 'rxjs';
import { silent } from '../core/http-context';

/** The firm's settings (read: staff; update: firm admin). */
@Injectable({ providedIn: 'root' })
export class FirmService {
  private readonly http = inject(HttpClient);

  get(): Observable<FirmSettings> {
    return this.http.get<FirmSettings>('/api/firm');
  }

  update(body: UpdateFirmSettingsRequest): Observable<FirmSettings> {
    return this.http.patch<FirmSettings>('/api/firm', body);
  }

  /** The firm's reconciliation policy (read: staff; change: firm admin, recomputes every client). */
  reconciliationSettings(): Observable<ReconciliationSettingsView> {
    return this.http.get<ReconciliationSettingsView>('/api/firm/reconciliation-settings');
  }

  /** A bad value answers 400 naming the field; the form shows it (silent). */
  updateReconciliationSettings(body: UpdateReconciliationSettingsRequest): Observable<ReconciliationSettingsView> {
    return this.http.patch<ReconciliationSettingsView>('/api/firm/reconciliation-settings', body, { context: silent() });
  }

  /** The firm's price table, newest first, one page. */
  prices(page: number, pageSize: number, asset = ''): Observable<PriceListResponse> {
    let params = new HttpParams().set('page', page).set('pageSize', pageSize);
    if (asset.trim()) params = params.set('asset', asset.trim().toUpperCase());
    return this.http.get<PriceListResponse>('/api/prices', { params });
  }

  /** Uploads a price CSV; a bad file answers 400 with every problem by line and column (shown by the caller, silent). */
  importPrices(file: File): Observable<PriceImportResult> {
    const form = new FormData();
    form.append('file', file, file.name);
    return this.http.post<PriceImportResult>('/api/prices/imports', form, { context: silent() });
  }
}
