import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { RECORDED_PAYMENT_METHODS, type ClientBilling, type RecordedPaymentMethod } from '@lotline/contracts';
import { describeError } from '../../core/api-error';
import { BillingService } from '../../data/billing.service';
import { PAYMENT_METHOD_LABELS, dollars } from './billing-labels';

export interface RecordPaymentData {
  readonly clientId: string;
  readonly clientName: string;
  readonly taxYear: number;
  readonly priceUsd: string;
}

/** Firm admin: the report is comped ($0) or invoiced outside Lotline (the price), with a required note. */
@Component({
  selector: 'll-record-payment-dialog',
  imports: [MatDialogModule, MatButtonModule, MatFormFieldModule, MatInputModule, MatSelectModule, ReactiveFormsModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>Record a payment</h2>
    <mat-dialog-content>
      <p>The {{ data.taxYear }} report of {{ data.clientName }} ({{ price }}) is then paid and can be generated.</p>
      <form id="record-payment-form" [formGroup]="form" (ngSubmit)="save()" class="form">
        <mat-form-field>
          <mat-label>How</mat-label>
          <mat-select formControlName="method" data-testid="record-method">
            @for (m of methods; track m) { <mat-option [value]="m">{{ labels[m] }}</mat-option> }
          </mat-select>
          <mat-hint>{{ form.controls.method.value === 'comped' ? 'Recorded as $0.00.' : 'Recorded at ' + price + '.' }}</mat-hint>
        </mat-form-field>
        <mat-form-field>
          <mat-label>Note</mat-label>
          <textarea matInput formControlName="note" required maxlength="1000" rows="3" placeholder="Why, or the invoice number" data-testid="record-note"></textarea>
          @if (form.controls.note.invalid) { <mat-error>A note is required.</mat-error> }
        </mat-form-field>
      </form>
      @if (error(); as e) { <p role="alert" class="error">{{ e }}</p> }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" mat-dialog-close>Cancel</button>
      <button mat-flat-button type="submit" form="record-payment-form" [disabled]="busy()">Record payment</button>
    </mat-dialog-actions>
  `,
  styles: `
    .form { display: grid; gap: 8px; min-width: min(420px, 80vw); }
    .error { color: var(--mat-sys-error); }
  `,
})
export class RecordPaymentDialog {
  private readonly billing = inject(BillingService);
  protected readonly data = inject<RecordPaymentData>(MAT_DIALOG_DATA);
  private readonly ref = inject<MatDialogRef<RecordPaymentDialog, ClientBilling>>(MatDialogRef);
  protected readonly methods = RECORDED_PAYMENT_METHODS;
  protected readonly labels = PAYMENT_METHOD_LABELS;
  protected readonly price = dollars(this.data.priceUsd);
  protected readonly form = inject(NonNullableFormBuilder).group({
    method: ['comped' as RecordedPaymentMethod],
    note: ['', [Validators.required, Validators.maxLength(1000), Validators.pattern(/\S/)]],
  });
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);

  protected save(): void {
    if (this.form.invalid) return this.form.markAllAsTouched();
    const { method, note } = this.form.getRawValue();
    this.busy.set(true);
    this.error.set(null);
    this.billing.record(this.data.clientId, { taxYear: this.data.taxYear, method, note: note.trim() }).subscribe({
      next: (b) => this.ref.close(b),
      error: (e: unknown) => {
        this.busy.set(false);
        this.error.set(describeError(e));
      },
    });
  }
}
