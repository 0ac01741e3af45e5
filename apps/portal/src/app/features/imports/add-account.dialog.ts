import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import type { Account, CreateAccountRequest } from '@lotline/contracts';
import { describeError } from '../../core/api-error';
import { ImportsService } from '../../data/imports.service';

export interface AddAccountData {
  readonly clientId: string;
}

/** A new own account (exchange account or wallet) of a client. Closes with the account; a duplicate name is shown here. */
@Component({
  selector: 'll-add-account-dialog',
  imports: [MatDialogModule, MatButtonModule, MatFormFieldModule, MatInputModule, MatSelectModule, ReactiveFormsModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>Add an account</h2>
    <mat-dialog-content>
      <p>One account per exchange account or wallet. Each file you upload goes into one account.</p>
      <form id="add-account-form" [formGroup]="form" (ngSubmit)="save()" class="form">
        <mat-form-field>
          <mat-label>Account name</mat-label>
          <input matInput formControlName="name" required maxlength="200" placeholder="e.g. Coinbase, Ledger Nano" />
          @if (form.controls.name.hasError('required')) { <mat-error>Give the account a name.</mat-error> }
        </mat-form-field>
        <mat-form-field>
          <mat-label>Kind</mat-label>
          <mat-select formControlName="kind">
            <mat-option value="exchange">Exchange account</mat-option>
            <mat-option value="wallet">Wallet</mat-option>
          </mat-select>
        </mat-form-field>
        @if (form.controls.kind.value === 'exchange') {
          <mat-form-field>
            <mat-label>Exchange (optional)</mat-label>
            <input matInput formControlName="exchange" maxlength="100" placeholder="e.g. Kraken" />
          </mat-form-field>
        }
      </form>
      @if (error(); as e) { <p role="alert" class="error">{{ e }}</p> }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" mat-dialog-close>Cancel</button>
      <button mat-flat-button type="submit" form="add-account-form" [disabled]="busy()">Add account</button>
    </mat-dialog-actions>
  `,
  styles: `
    .form { display: grid; gap: 4px; min-width: min(420px, 80vw); }
    .error { color: var(--mat-sys-error); }
  `,
})
export class AddAccountDialog {
  private readonly imports = inject(ImportsService);
  private readonly data = inject<AddAccountData>(MAT_DIALOG_DATA);
  private readonly ref = inject<MatDialogRef<AddAccountDialog, Account>>(MatDialogRef);
  protected readonly form = inject(NonNullableFormBuilder).group({
    name: ['', [Validators.required, Validators.maxLength(200), Validators.pattern(/\S/)]],
    kind: ['exchange' as Account['kind']],
    exchange: ['', [Validators.maxLength(100)]],
  });
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);

  protected save(): void {
    if (this.form.invalid) return this.form.markAllAsTouched();
    const { name, kind, exchange } = this.form.getRawValue();
    const body: CreateAccountRequest = { name: name.trim(), kind, ...(kind === 'exchange' && exchange.trim() ? { exchange: exchange.trim() } : {}) };
    this.busy.set(true);
    this.error.set(null);
    this.imports.createAccount(this.data.clientId, body).subscribe({
      next: (a) => this.ref.close(a),
      error: (e: unknown) => {
        this.busy.set(false);
        this.error.set(describeError(e));
      },
    });
  }
}
