import { ChangeDetectionStrategy, Component, inject, input, output, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { BulkResolutionResponse } from '@lotline/contracts';
import { parseDecimal } from '@lotline/ledger';
import { NotificationsService } from '../../core/notifications.service';
import { ReconciliationService } from '../../data/reconciliation.service';

/** Bulk actions of one client: accept every suggested match at or above a confidence; mark dust below a USD threshold. */
@Component({
  selector: 'll-bulk-actions',
  imports: [FormsModule, MatButtonModule, MatFormFieldModule, MatInputModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="bulk" role="group" aria-label="Bulk actions">
      <mat-form-field class="narrow">
        <mat-label>Minimum confidence (%)</mat-label>
        <input matInput type="number" min="0" max="100" step="1" [ngModel]="minConfidence()" (ngModelChange)="minConfidence.set($event)" name="minConfidence" />
      </mat-form-field>
      <button mat-stroked-button type="button" (click)="acceptSuggestions()" [disabled]="busy()">Accept suggested matches</button>
      <mat-form-field class="narrow">
        <mat-label>Dust below (USD)</mat-label>
        <input matInput inputmode="decimal" [ngModel]="dustUsd()" (ngModelChange)="dustUsd.set($event)" name="dustUsd" />
      </mat-form-field>
      <button mat-stroked-button type="button" (click)="markDust()" [disabled]="busy()">Mark dust as immaterial</button>
    </div>
    @if (error(); as e) { <p role="alert" class="error">{{ e }}</p> }
  `,
  styles: `
    .bulk { display: flex; gap: 12px; flex-wrap: wrap; align-items: baseline; }
    .narrow { width: 180px; }
    .error { color: var(--mat-sys-error); }
  `,
})
export class BulkActionsComponent {
  private readonly recon = inject(ReconciliationService);
  private readonly notifications = inject(NotificationsService);
  readonly clientId = input.required<string>();
  /** Resolutions were recorded (the numbers recompute). */
  readonly resolved = output<BulkResolutionResponse>();
  /** Percent: a whole number typed by the preparer, sent as a 0..1 score. */
  protected readonly minConfidence = signal<number | string>(60);
  protected readonly dustUsd = signal('1.00');
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);

  protected acceptSuggestions(): void {
    const pct = Number(this.minConfidence());
    if (!Number.isFinite(pct) || pct < 0 || pct > 100) return this.error.set('The minimum confidence is a percentage from 0 to 100.');
    this.run(this.recon.acceptSuggestions(this.clientId(), { minConfidence: pct / 100, reason: `Accepted suggested matches at ${pct}% confidence or more` }), 'suggested matches accepted');
  }

  protected markDust(): void {
    const text = String(this.dustUsd()).trim();
    const v = parseDecimal(text);
    if (v === undefined || v.isNegative() || v.isZero()) return this.error.set('The dust threshold is a positive USD amount like 1.00.');
    this.run(this.recon.markDust(this.clientId(), { maxUsd: v.toFixed(), reason: 'Immaterial (dust)' }), 'dust items marked as immaterial');
  }

  private run(call: ReturnType<ReconciliationService['markDust']>, what: string): void {
    this.busy.set(true);
    this.error.set(null);
    call.subscribe({
      next: (r) => {
        this.busy.set(false);
        this.notifications.info(`${r.created} ${what}.`);
        if (r.created > 0) this.resolved.emit(r);
      },
      error: () => this.busy.set(false),
    });
  }
}
