import { DatePipe, NgTemplateOutlet, PercentPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, effect, inject, signal, untracked } from '@angular/core';
import { rxResource, toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatRadioModule } from '@angular/material/radio';
import { MatSelectModule } from '@angular/material/select';
import { INCOME_KINDS, type LedgerEventView, type PriceQuoteView, type ResolutionView, type WarningDetail } from '@lotline/contracts';
import { describeError } from '../../core/api-error';
import { ReconciliationService } from '../../data/reconciliation.service';
import { current } from '../../shared/resource';
import { QuantityPipe, UsdPipe } from '../preview/usd.pipe';
import { DIALOG_ACTIONS, DraftError, buildResolveRequest, initialDraft, noteRequired, pricedLeg, valueAt, type ResolutionDraft } from './resolution-payload';
import { ACTION_LABELS, INCOME_KIND_LABELS, SEVERITY_LABELS, WARNING_KIND_LABELS, sourceText } from './warning-labels';

const DAY_MS = 86_400_000;

export interface ResolveWarningData {
  readonly clientId: string;
  readonly warningKey: string;
}

/**
 * One warning: what it is about (its transactions and their source rows), then the resolution for its kind (match
 * pair with suggestions and confidence, price with source, inflow category, merge/keep duplicates, $0 basis with a
 * required note, explanation). Closes with the recorded resolution; the caller follows the recompute.
 */
@Component({
  selector: 'll-resolve-warning-dialog',
  imports: [DatePipe, NgTemplateOutlet, PercentPipe, ReactiveFormsModule, MatButtonModule, MatDialogModule, MatFormFieldModule, MatInputModule, MatRadioModule, MatSelectModule, UsdPipe, QuantityPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (warning(); as w) {
      <h2 mat-dialog-title>{{ kindLabels[w.kind] }}</h2>
      <mat-dialog-content>
        <p>
          <span class="badge" [class.high]="w.severity === 'high'">{{ severityLabels[w.severity] }}</span>
          @if (w.blocking) { <strong> Blocking</strong> } · {{ w.clientName }}
        </p>
        <p data-testid="warning-message">{{ w.message }}</p>
        <p class="sub">{{ w.explanation }}</p>
        @if (w.events.length) {
          <table class="events" aria-label="Transactions involved">
            <tr><th>When</th><th>Account</th><th>Type</th><th>Amount</th><th>USD</th><th>Source</th></tr>
            @for (e of w.events; track e.id) {
              <tr data-testid="warning-event">
                <td>{{ e.timestamp | date: 'short' : 'UTC' }}</td>
                <td>{{ e.account }}</td>
                <td>{{ e.type }}</td>
                <td>{{ amountOf(e) }}</td>
                <td>{{ e.usdValue ? (e.usdValue | usd) : '—' }}</td>
                <td>{{ source(e) }}</td>
              </tr>
            }
          </table>
        }

        <form id="resolve-form" class="form" [formGroup]="form" (ngSubmit)="save(w)">
          <mat-form-field>
            <mat-label>Resolution</mat-label>
            <mat-select formControlName="action">
              @for (a of actions(); track a) { <mat-option [value]="a">{{ actionLabels[a] }}</mat-option> }
            </mat-select>
          </mat-form-field>

          @switch (action()) {
            @case ('match-pair') {
              @if (w.suggestions.length) {
                <mat-radio-group formControlName="pair" class="suggestions" aria-label="Matching transfer">
                  @for (s of w.suggestions; track s.withdrawalId + s.depositId) {
                    <mat-radio-button [value]="s.withdrawalId + '>' + s.depositId" data-testid="match-suggestion">
                      {{ s.sent | qty }} {{ s.asset }} {{ s.fromAccount }} → {{ s.received | qty }} {{ s.asset }} {{ s.toAccount }}
                      · {{ s.confidence | percent: '1.0-0' }} ({{ s.tier }}) · {{ gap(s.gapMinutes) }} apart
                      <div class="sub">{{ s.reason }}</div>
                    </mat-radio-button>
                  }
                </mat-radio-group>
              } @else {
                <p>No matching transfer was found in the other accounts. Import the missing account's data, or choose another resolution.</p>
              }
            }
            @case ('enter-price') {
              @if (w.events.length > 1) {
                <mat-form-field>
                  <mat-label>Transaction</mat-label>
                  <mat-select formControlName="eventId">
                    @for (e of w.events; track e.id) { <mat-option [value]="e.id">{{ e.timestamp | date: 'short' : 'UTC' }} {{ amountOf(e) }}</mat-option> }
                  </mat-select>
                </mat-form-field>
              }
              @if (quoteList(); as quotes) {
                @if (quotes.length) {
                  <div class="quotes" role="group" [attr.aria-label]="'Prices of ' + quoteAsset() + ' around that time'">
                    <p class="sub">From the price history ({{ quoteAmount() | qty }} {{ quoteAsset() }}):</p>
                    @for (q of quotes; track q.id) {
                      <button mat-stroked-button type="button" (click)="useQuote(q)" data-testid="price-quote">
                        {{ q.at | date: 'short' : 'UTC' }} · {{ q.priceUsd | usd }} · {{ q.source }}
                      </button>
                    }
                  </div>
                }
              }
              <mat-form-field>
                <mat-label>USD value of the transaction</mat-label>
                <input matInput formControlName="usdValue" inputmode="decimal" placeholder="e.g. 1234.56" />
              </mat-form-field>
              <mat-form-field>
                <mat-label>Price source</mat-label>
                <input matInput formControlName="priceSource" maxlength="200" placeholder="e.g. CoinGecko daily close" />
              </mat-form-field>
            }
            @case ('categorise-inflow') { <ng-container *ngTemplateOutlet="inflow" /> }
            @case ('mark-external') { <ng-container *ngTemplateOutlet="inflow" /> }
            @case ('mark-sent-to-third-party') {
              <mat-radio-group formControlName="sentAs" aria-label="Sent as">
                <mat-radio-button value="disposal">Sold or spent (a disposal)</mat-radio-button>
                <mat-radio-button value="gift">A gift</mat-radio-button>
              </mat-radio-group>
            }
            @case ('merge-duplicates') {
              <p>Keep one transaction; the others are left out of the calculation (the imported rows stay as they are).</p>
              <mat-radio-group formControlName="eventId" class="suggestions" aria-label="Transaction to keep">
                @for (e of w.events; track e.id) { <mat-radio-button [value]="e.id">Keep {{ amountOf(e) }} from {{ source(e) }}</mat-radio-button> }
              </mat-radio-group>
            }
            @case ('keep-both') { <p>Both transactions are real and both are kept.</p> }
            @case ('map-asset') {
              <mat-form-field>
                <mat-label>Known asset symbol for {{ w.asset }}</mat-label>
                <input matInput formControlName="mapTo" maxlength="20" />
              </mat-form-field>
            }
            @default {
              @if (action() === 'accept-zero-basis' || action() === 'enter-basis') {
                <p>
                  @if (action() === 'accept-zero-basis') { The missing units of {{ w.asset }} get a cost basis of $0 (the whole proceeds are gain). }
                  @else { Units of {{ w.asset }} acquired outside the imported data, with their cost basis. }
                </p>
                <mat-form-field>
                  <mat-label>Quantity ({{ w.asset }})</mat-label>
                  <input matInput formControlName="quantity" inputmode="decimal" />
                </mat-form-field>
                @if (action() === 'enter-basis') {
                  <mat-form-field>
                    <mat-label>Cost basis (USD)</mat-label>
                    <input matInput formControlName="costBasis" inputmode="decimal" />
                  </mat-form-field>
                }
                <mat-form-field>
                  <mat-label>Acquired on</mat-label>
                  <input matInput type="date" formControlName="acquiredOn" />
                </mat-form-field>
              }
            }
          }

          <ng-template #inflow>
            <mat-radio-group formControlName="category" class="suggestions" aria-label="What was this deposit">
              <mat-radio-button value="income">Income</mat-radio-button>
              <mat-radio-button value="purchase">A purchase</mat-radio-button>
              <mat-radio-button value="own-transfer">A transfer from another own account</mat-radio-button>
              <mat-radio-button value="gift-received">A gift received</mat-radio-button>
            </mat-radio-group>
            @switch (category()) {
              @case ('income') {
                <mat-form-field>
                  <mat-label>Income kind</mat-label>
                  <mat-select formControlName="incomeKind">
                    @for (k of incomeKinds; track k) { <mat-option [value]="k">{{ incomeLabels[k] }}</mat-option> }
                  </mat-select>
                </mat-form-field>
              }
              @case ('purchase') {
                <mat-form-field>
                  <mat-label>Cost (USD, optional)</mat-label>
                  <input matInput formControlName="purchaseUsd" inputmode="decimal" />
                </mat-form-field>
              }
              @case ('own-transfer') {
                <mat-form-field>
                  <mat-label>From account</mat-label>
                  <input matInput formControlName="fromAccount" maxlength="200" />
                </mat-form-field>
              }
            }
          </ng-template>

          <mat-form-field>
            <mat-label>{{ needsNote() ? 'Note (required, kept as evidence)' : 'Note (optional)' }}</mat-label>
            <textarea matInput formControlName="note" rows="2" maxlength="2000"></textarea>
          </mat-form-field>
        </form>
        @if (error(); as e) { <p role="alert" class="error">{{ e }}</p> }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Cancel</button>
        <button mat-flat-button type="submit" form="resolve-form" [disabled]="busy()">Resolve</button>
      </mat-dialog-actions>
    } @else if (detail.error()) {
      <h2 mat-dialog-title>Warning</h2>
      <mat-dialog-content><p role="alert">This warning could not be loaded; it may have been resolved meanwhile.</p></mat-dialog-content>
      <mat-dialog-actions align="end"><button mat-button type="button" mat-dialog-close>Close</button></mat-dialog-actions>
    } @else {
      <mat-dialog-content><p>Loading…</p></mat-dialog-content>
    }
  `,
  styles: `
    .form { display: grid; gap: 4px; min-width: min(560px, 85vw); }
    .events { width: 100%; border-collapse: collapse; font-size: 13px; margin-bottom: 12px; }
    .events td, .events th { text-align: left; padding: 4px 6px; border-bottom: 1px solid var(--mat-sys-outline-variant); }
    .suggestions { display: grid; gap: 6px; }
    .error { color: var(--mat-sys-error); }
    .badge { font-size: 12px; padding: 1px 6px; border-radius: 8px; background: var(--mat-sys-surface-container-high); }
    .badge.high { background: var(--mat-sys-error-container); color: var(--mat-sys-on-error-container); }
    .sub { color: var(--mat-sys-on-surface-variant); font-size: 12px; }
    .quotes { display: grid; gap: 4px; justify-items: start; margin-bottom: 8px; }
  `,
})
export class ResolveWarningDialog {
  private readonly recon = inject(ReconciliationService);
  private readonly ref = inject<MatDialogRef<ResolveWarningDialog, ResolutionView>>(MatDialogRef);
  protected readonly data = inject<ResolveWarningData>(MAT_DIALOG_DATA);
  protected readonly kindLabels = WARNING_KIND_LABELS;
  protected readonly severityLabels = SEVERITY_LABELS;
  protected readonly actionLabels = ACTION_LABELS;
  protected readonly incomeKinds = INCOME_KINDS;
  protected readonly incomeLabels = INCOME_KIND_LABELS;
  protected readonly source = sourceText;

  protected readonly detail = rxResource({ params: () => this.data, stream: ({ params }) => this.recon.warning(params.clientId, params.warningKey) });
  protected readonly warning = current(this.detail);
  protected readonly actions = computed(() => (this.warning()?.actions ?? []).filter((a) => DIALOG_ACTIONS.includes(a)));
  protected readonly form = inject(NonNullableFormBuilder).group<{ [K in keyof ResolutionDraft]: ResolutionDraft[K] }>({
    action: 'explain',
    pair: '',
    eventId: '',
    usdValue: '',
    priceSource: '',
    category: 'income',
    incomeKind: 'staking',
    purchaseUsd: '',
    fromAccount: '',
    sentAs: 'disposal',
    quantity: '',
    costBasis: '',
    acquiredOn: '',
    mapTo: '',
    note: '',
  });
  protected readonly action = toSignal(this.form.controls.action.valueChanges, { initialValue: this.form.controls.action.value });
  protected readonly category = toSignal(this.form.controls.category.valueChanges, { initialValue: this.form.controls.category.value });
  protected readonly needsNote = computed(() => noteRequired(this.action()));
  private readonly eventId = toSignal(this.form.controls.eventId.valueChanges, { initialValue: this.form.controls.eventId.value });
  /** The priced leg of the event being priced (enter-price), for the price-history picker. */
  private readonly quoteLeg = computed(() => {
    const e = this.warning()?.events.find((x) => x.id === this.eventId());
    const leg = e ? pricedLeg(e) : null;
    return this.action() === 'enter-price' && e && leg && leg.asset !== 'USD' ? { at: e.timestamp, ...leg } : null;
  });
  protected readonly quoteAsset = computed(() => this.quoteLeg()?.asset ?? '');
  protected readonly quoteAmount = computed(() => this.quoteLeg()?.amount ?? '');
  private readonly quotes = rxResource({
    params: () => this.quoteLeg() ?? undefined,
    stream: ({ params }) => {
      const at = Date.parse(params.at);
      return this.recon.priceHistory(params.asset, new Date(at - 2 * DAY_MS).toISOString(), new Date(at + DAY_MS).toISOString());
    },
  });
  protected readonly quoteList = computed(() => (this.quotes.hasValue() ? (this.quotes.value()?.items ?? []) : null));
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);

  constructor() {
    // The form starts from the warning: its kind's first action, its first transaction, the best suggestion.
    effect(() => {
      const w = this.warning();
      if (w) untracked(() => this.form.reset(initialDraft(w)));
    });
  }

  /** "45 min", "60 h", "3 days". */
  protected gap(minutes: number): string {
    if (minutes < 120) return `${minutes} min`;
    const hours = Math.round(minutes / 60);
    return hours < 72 ? `${hours} h` : `${Math.round(hours / 24)} days`;
  }

  /** Prices the event at the quoted unit price (exact decimal product) and names the quote as the source. */
  protected useQuote(q: PriceQuoteView): void {
    const leg = this.quoteLeg();
    if (!leg) return;
    this.form.patchValue({ usdValue: valueAt(leg.amount, q.priceUsd), priceSource: `${q.source}, ${q.at.slice(0, 10)} (${q.priceUsd} USD per ${q.asset})` });
  }

  protected amountOf(e: LedgerEventView): string {
    const parts: string[] = [];
    if (e.sent) parts.push(`-${e.sent.amount} ${e.sent.asset}`);
    if (e.received) parts.push(`+${e.received.amount} ${e.received.asset}`);
    return parts.join(' / ');
  }

  protected save(w: WarningDetail): void {
    let body;
    try {
      body = buildResolveRequest(w, this.form.getRawValue());
    } catch (e) {
      this.error.set(e instanceof DraftError ? e.message : String(e));
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    this.recon.resolve(this.data.clientId, body).subscribe({
      next: (r) => this.ref.close(r),
      error: (e: unknown) => {
        this.busy.set(false);
        this.error.set(describeError(e));
      },
    });
  }
}
