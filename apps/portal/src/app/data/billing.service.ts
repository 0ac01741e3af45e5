import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { BillingSettings, CheckoutResponse, ClientBilling, RecordPaymentRequest } from '@lotline/contracts';
import { Observable, switchMap, take, takeWhile, timer } from 'rxjs';
import { silent } from '../core/http-context';

function base(clientId: string): string {
  return `/api/clients/${encodeURIComponent(clientId)}/billing`;
}

/** How often the checkout return page asks whether Stripe's webhook has arrived, and for how long at most. */
export const PAYMENT_POLL_MS = 2000;
export const PAYMENT_POLL_LIMIT = 30;

/**
 * Per-report billing: the firm's price and Stripe status (never the keys), a client's payments per tax year, Stripe
 * Checkout (the browser is sent to Stripe's page) and payments a firm admin records (comped / invoiced outside).
 * Amounts are decimal strings, never numbers.
 */
@Injectable({ providedIn: 'root' })
export class BillingService {
  private readonly http = inject(HttpClient);

  settings(): Observable<BillingSettings> {
    return this.http.get<BillingSettings>('/api/billing/settings');
  }

  forClient(clientId: string, taxYear: number): Observable<ClientBilling> {
    return this.http.get<ClientBilling>(base(clientId), { params: new HttpParams().set('taxYear', taxYear) });
  }

  /** 409 when the report is paid, nothing is due, or online payment is off: the caller shows the message (silent). */
  checkout(clientId: string, taxYear: number): Observable<CheckoutResponse> {
    return this.http.post<CheckoutResponse>(`${base(clientId)}/checkout`, { taxYear }, { context: silent() });
  }

  /** Back from Stripe: the API reads the session from Stripe (the webhook may be late). Failures are the caller's (silent). */
  confirm(clientId: string, taxYear: number, sessionId: string): Observable<ClientBilling> {
    return this.http.post<ClientBilling>(`${base(clientId)}/checkout/confirm`, { taxYear, sessionId }, { context: silent() });
  }

  /** Firm admin only; 409 when already paid. The dialog shows failures (silent). */
  record(clientId: string, body: RecordPaymentRequest): Observable<ClientBilling> {
    return this.http.post<ClientBilling>(`${base(clientId)}/payments`, body, { context: silent() });
  }

  /**
   * After Stripe's page: asks every `everyMs` while the newest payment is still pending (the webhook may arrive a little
   * after the customer), emitting each answer, until a settled answer or `limit` answers. Unsubscribing stops it.
   */
  watch(clientId: string, taxYear: number, everyMs = PAYMENT_POLL_MS, limit = PAYMENT_POLL_LIMIT): Observable<ClientBilling> {
    return timer(0, everyMs).pipe(
      switchMap(() => this.forClient(clientId, taxYear)),
      takeWhile((b) => b.payments[0]?.status === 'pending', true),
      take(limit),
    );
  }
}
