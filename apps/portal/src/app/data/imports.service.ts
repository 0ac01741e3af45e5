import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Account, CreateAccountRequest, ImportBatchView } from '@lotline/contracts';
import { Observable, switchMap, takeWhile, timer } from 'rxjs';
import { silent } from '../core/http-context';
import { SessionService } from '../core/session.service';

/** How often a running import is asked for its progress. */
export const IMPORT_POLL_MS = 1000;

/** A batch that will not change any more. */
export function isFinished(batch: Pick<ImportBatchView, 'status'>): boolean {
  return batch.status === 'succeeded' || batch.status === 'failed';
}

function base(clientId: string): string {
  return `/api/clients/${encodeURIComponent(clientId)}`;
}

/** A client's own accounts (exchange accounts, wallets) and the CSV imports into them. */
@Injectable({ providedIn: 'root' })
export class ImportsService {
  private readonly http = inject(HttpClient);
  private readonly session = inject(SessionService);

  accounts(clientId: string): Observable<Account[]> {
    return this.http.get<Account[]>(`${base(clientId)}/accounts`);
  }

  /** 409 when the client already has an account with that name; the caller shows the message (silent). */
  createAccount(clientId: string, body: CreateAccountRequest): Observable<Account> {
    return this.http.post<Account>(`${base(clientId)}/accounts`, body, { context: silent() });
  }

  /**
   * Multipart upload: `accountId`, `format` (only when overridden; empty means "detect automatically") and `file`.
   * Answers the queued batch (202); 413 over the server's size limit. Failures are shown by the caller (silent).
   */
  upload(clientId: string, file: File, accountId: string, format?: string): Observable<ImportBatchView> {
    const body = new FormData();
    body.append('accountId', accountId);
    if (format) body.append('format', format);
    body.append('file', file, file.name);
    return this.http.post<ImportBatchView>(`${base(clientId)}/imports`, body, { context: silent() });
  }

  /** Import history, newest first (each batch's issues cut to 20). */
  batches(clientId: string): Observable<ImportBatchView[]> {
    return this.http.get<ImportBatchView[]>(`${base(clientId)}/imports`);
  }

  /** One batch with its progress and, once failed, its issues (first 1,000). */
  batch(clientId: string, batchId: string): Observable<ImportBatchView> {
    return this.http.get<ImportBatchView>(`${base(clientId)}/imports/${encodeURIComponent(batchId)}`);
  }

  /**
   * Polls a batch: asks at once, then every `everyMs`, emitting each answer, and completes after the first finished
   * one (succeeded or failed). Unsubscribing stops the polling; an error ends it.
   */
  watch(clientId: string, batchId: string, everyMs = IMPORT_POLL_MS): Observable<ImportBatchView> {
    return timer(0, everyMs).pipe(
      switchMap(() => this.batch(clientId, batchId)),
      takeWhile((b) => !isFinished(b), true),
    );
  }

  /** The original uploaded file, fetched with the bearer token (a plain link cannot carry it); refreshes once on a 401. */
  async originalFile(clientId: string, batchId: string): Promise<Blob> {
    const url = `${base(clientId)}/imports/${encodeURIComponent(batchId)}/file`;
    const call = () => fetch(url, { headers: { Authorization: `Bearer ${this.session.accessToken() ?? ''}` }, credentials: 'same-origin' });
    let res = await call();
    if (res.status === 401 && (await new Promise<boolean>((ok) => this.session.refresh().subscribe(ok)))) res = await call();
    if (!res.ok) throw new Error(`The download failed (${res.status}).`);
    return res.blob();
  }
}
