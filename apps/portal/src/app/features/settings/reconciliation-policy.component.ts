import { ChangeDetectionStrategy, Component, effect, inject, signal } from '@angular/core';
import { HttpErrorResponse } from '@angular/common/http';
import { rxResource } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import type { ErrorBody, ReconciliationSettingsView, WarningKind } from '@lotline/contracts';
import { NotificationsService } from '../../core/notifications.service';
import { FirmService } from '../../data/firm.service';
import { current } from '../../shared/resource';

/** A decimal fraction as a string (never a JS number on the wire): 0, 0.01, .5 */
const FRACTION = /^(0|0?\.\d{1,6}|1(\.0{1,6})?)$/;

/** Settings page (firm admin): the firm's reconciliation policy. Saving recomputes every client of the firm. */
@Component({
  selector: 'll-reconciliation-policy',
  imports: [ReactiveFormsModule, MatButtonModule, MatFormFieldModule, MatInputModule, MatSelectModule, MatSlideToggleModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section aria-labelledby="recon-policy-title">
      <h2 id="recon-policy-title">Reconciliation policy</h2>
      @if (value(); as s) {
        <form [formGroup]="form" (ngSubmit)="save()" class="card">
          <mat-form-field>
            <mat-label>Transfer match window (hours)</mat-label>
            <input matInput type="number" formControlName="transferWindowHours" min="1" max="720" required data-testid="window-hours" />
            <mat-hint>Longest time from a withdrawal to its deposit (1 to 720).</mat-hint>
            @if (form.controls.transferWindowHours.invalid) { <mat-error>Between 1 and 720 hours.</mat-error> }
          </mat-form-field>
          <mat-form-field>
            <mat-label>Transfer fee tolerance</mat-label>
            <input matInput formControlName="transferFeeTolerance" inputmode="decimal" required data-testid="fee-tolerance" />
            <mat-hint>Largest fee as a fraction of the amount sent, e.g. 0.01 for 1% (at most 0.5).</mat-hint>
            @if (form.controls.transferFeeTolerance.invalid) { <mat-error>A fraction like 0.01.</mat-error> }
          </mat-form-field>
          <mat-form-field>
            <mat-label>Price outlier threshold</mat-label>
            <input matInput formControlName="outlierThreshold" inputmode="decimal" required />
            <mat-hint>Relative deviation that flags a price, e.g. 0.25 for 25%.</mat-hint>
            @if (form.controls.outlierThreshold.invalid) { <mat-error>A fraction like 0.25.</mat-error> }
          </mat-form-field>
          <mat-slide-toggle formControlName="stablecoinsAsUsd">Count USD stablecoins as $1 when an event has no USD value</mat-slide-toggle>
          <mat-form-field>
            <mat-label>Also blocking (final reports wait until resolved)</mat-label>
            <mat-select formControlName="blockingKinds" multiple data-testid="blocking-kinds">
              @for (k of s.nonBlockingKinds; track k) { <mat-option [value]="k">{{ k }}</mat-option> }
            </mat-select>
          </mat-form-field>
          @if (problems().length) {
            <ul role="alert" data-testid="policy-errors">@for (p of problems(); track $index) { <li>{{ p }}</li> }</ul>
          }
          <div><button mat-flat-button type="submit" [disabled]="busy() || form.pristine">Save policy</button></div>
          <p class="hint">Saving recomputes every client of the firm with the new policy.</p>
        </form>
      } @else if (settings.error()) {
        <p role="alert">The reconciliation policy could not be loaded.</p>
      }
    </section>
  `,
  styles: `.card { display: grid; gap: 8px; max-width: 480px; } .hint { color: var(--mat-sys-on-surface-variant); }`,
})
export class ReconciliationPolicyComponent {
  private readonly api = inject(FirmService);
  private readonly notifications = inject(NotificationsService);
  protected readonly settings = rxResource({ stream: () => this.api.reconciliationSettings() });
  protected readonly value = current(this.settings);
  protected readonly busy = signal(false);
  protected readonly problems = signal<string[]>([]);
  protected readonly form = inject(NonNullableFormBuilder).group({
    transferWindowHours: [72, [Validators.required, Validators.min(1), Validators.max(720)]],
    transferFeeTolerance: ['0.01', [Validators.required, Validators.pattern(FRACTION)]],
    outlierThreshold: ['0.25', [Validators.required, Validators.pattern(FRACTION)]],
    stablecoinsAsUsd: [false],
    blockingKinds: [[] as WarningKind[]],
  });

  constructor() {
    effect(() => {
      const s = this.value();
      if (s) this.load(s);
    });
  }

  protected save(): void {
    if (this.form.invalid) return this.form.markAllAsTouched();
    const v = this.form.getRawValue();
    this.busy.set(true);
    this.problems.set([]);
    // Fractions stay the decimal strings typed; only the hour count is an integer.
    this.api
      .updateReconciliationSettings({ ...v, transferWindowHours: Math.trunc(Number(v.transferWindowHours)), transferFeeTolerance: v.transferFeeTolerance.trim(), outlierThreshold: v.outlierThreshold.trim() })
      .subscribe({
        next: (s) => {
          this.busy.set(false);
          this.settings.set(s);
          this.notifications.info('Reconciliation policy saved; every client is being recomputed.');
        },
        error: (e: unknown) => {
          this.busy.set(false);
          const body = e instanceof HttpErrorResponse ? (e.error as Partial<ErrorBody> | null) : null;
          this.problems.set(body?.details?.length ? body.details.map((d) => `${d.field}: ${d.message}`) : [body?.message ?? 'The policy could not be saved.']);
        },
      });
  }

  private load(s: ReconciliationSettingsView): void {
    this.form.reset({ transferWindowHours: s.transferWindowHours, transferFeeTolerance: s.transferFeeTolerance, outlierThreshold: s.outlierThreshold, stablecoinsAsUsd: s.stablecoinsAsUsd, blockingKinds: [...s.blockingKinds] });
  }
}
