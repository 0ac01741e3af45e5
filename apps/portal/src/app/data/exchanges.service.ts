import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { ConnectExchangeRequest, ExchangeConnectionView, ExchangeSyncQueued, ImportBatchView } from '@lotline/contracts';
import { Observable, switchMap } from 'rxjs';
import { silent } from '../core/http-context';
import { IMPORT_POLL_MS, ImportsService } from './imports.service';

function base(clientId: string): string {
  return `/api/clients/${encodeURIComponent(clientId)}/exchange-connections`;
}

/**
 * A client's exchange API connections (read-only keys, checked by the API against the exchange before they are
 * stored sealed). Lists carry only the last 4 characters of the key, never the key or the secret.
 */
@Injectable({ providedIn: 'root' })
export class ExchangesService {
  private readonly http = inject(HttpClient);
  private readonly imports = inject(ImportsService);

  connections(clientId: string): Observable<ExchangeConnectionView[]> {
    return this.http.get<ExchangeConnectionView[]>(base(clientId));
  }

  /**
   * 400 when the exchange refuses the keys or they lack a read permission, 409 when the account is taken; the dialog
   * shows the message (silent). The body goes straight to the request: nothing here keeps it.
   */
  connect(clientId: string, body: ConnectExchangeRequest): Observable<ExchangeConnectionView> {
    return this.http.post<ExchangeConnectionView>(base(clientId), body, { context: silent() });
  }

  /** Wipes the sealed keys (204); transactions already synced stay. Failures are shown by the caller (silent). */
  remove(clientId: string, connectionId: string): Observable<void> {
    return this.http.delete<void>(`${base(clientId)}/${encodeURIComponent(connectionId)}`, { context: silent() });
  }

  /** Queues a sync (202); its progress is an import batch's. Failures are shown by the caller (silent). */
  sync(clientId: string, connectionId: string): Observable<ExchangeSyncQueued> {
    return this.http.post<ExchangeSyncQueued>(`${base(clientId)}/${encodeURIComponent(connectionId)}/sync`, {}, { context: silent() });
  }

  /**
   * Queues a sync, then polls its import batch like an upload's until it finishes (succeeded or failed), emitting each
   * answer. Unsubscribing stops the polling.
   */
  syncAndWatch(clientId: string, connectionId: string, everyMs = IMPORT_POLL_MS): Observable<ImportBatchView> {
    return this.sync(clientId, connectionId).pipe(switchMap((queued) => this.imports.watch(clientId, queued.batchId, everyMs)));
  }
}
