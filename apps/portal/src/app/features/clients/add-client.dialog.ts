import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { ClientDetail, CreateClientRequest } from '@lotline/contracts';
import { ClientsService } from '../../data/clients.service';

/** "Direct add": a client record without a login, for preparer-managed clients. Closes with the new client. */
@Component({
  selector: 'll-add-client-dialog',
  imports: [MatDialogModule, MatButtonModule, MatFormFieldModule, MatInputModule, ReactiveFormsModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>Add a client without a login</h2>
    <mat-dialog-content>
      <p>Your firm uploads this client's data and pays for the report. You can invite a login for them later.</p>
      <form id="add-client-form" [formGroup]="form" (ngSubmit)="save()" class="form">
        <mat-form-field>
          <mat-label>Client name</mat-label>
          <input matInput formControlName="displayName" required maxlength="200" />
        </mat-form-field>
        <mat-form-field>
          <mat-label>Email (optional)</mat-label>
          <input matInput type="email" formControlName="email" maxlength="254" />
          @if (form.controls.email.hasError('email')) { <mat-error>Enter a valid email address.</mat-error> }
        </mat-form-field>
        <mat-form-field>
          <mat-label>Time zone</mat-label>
          <input matInput formControlName="timeZone" maxlength="64" />
          <mat-hint>IANA name, e.g. America/New_York</mat-hint>
        </mat-form-field>
      </form>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" mat-dialog-close>Cancel</button>
      <button mat-flat-button type="submit" form="add-client-form" [disabled]="busy()">Add client</button>
    </mat-dialog-actions>
  `,
  styles: `.form { display: grid; gap: 4px; min-width: min(420px, 80vw); }`,
})
export class AddClientDialog {
  private readonly clients = inject(ClientsService);
  private readonly ref = inject<MatDialogRef<AddClientDialog, ClientDetail>>(MatDialogRef);
  protected readonly form = inject(NonNullableFormBuilder).group({
    displayName: ['', [Validators.required, Validators.maxLength(200)]],
    email: ['', [Validators.email]],
    timeZone: [Intl.DateTimeFormat().resolvedOptions().timeZone || 'America/New_York', [Validators.maxLength(64)]],
  });
  protected readonly busy = signal(false);

  protected save(): void {
    if (this.form.invalid) return this.form.markAllAsTouched();
    this.busy.set(true);
    const { displayName, email, timeZone } = this.form.getRawValue();
    const body: CreateClientRequest = { displayName: displayName.trim(), ...(email.trim() ? { email: email.trim() } : {}), ...(timeZone.trim() ? { timeZone: timeZone.trim() } : {}) };
    this.clients.create(body).subscribe({
      next: (c) => this.ref.close(c),
      error: () => this.busy.set(false),
    });
  }
}
