import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { InvitationWithLink } from '@lotline/contracts';
import { InvitationsService } from '../data/invitations.service';
import { InvitationLinkComponent } from './invitation-link.component';

export interface InviteData {
  readonly kind: 'preparer' | 'client';
  /** Invite a login for an existing (directly added) client. */
  readonly clientId?: string;
  readonly email?: string;
  readonly displayName?: string;
}

/** Invites a preparer or a client; then shows the link to copy. Closes with the result (or undefined). */
@Component({
  selector: 'll-invite-dialog',
  imports: [MatDialogModule, MatButtonModule, MatFormFieldModule, MatInputModule, ReactiveFormsModule, InvitationLinkComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>{{ title }}</h2>
    <mat-dialog-content>
      @if (result(); as r) {
        <ll-invitation-link [result]="r" />
      } @else {
        <form id="invite-form" [formGroup]="form" (ngSubmit)="send()" class="form">
          <mat-form-field>
            <mat-label>Name</mat-label>
            <input matInput formControlName="displayName" required maxlength="200" />
          </mat-form-field>
          <mat-form-field>
            <mat-label>Email</mat-label>
            <input matInput type="email" formControlName="email" required maxlength="254" />
            @if (form.controls.email.hasError('email')) { <mat-error>Enter a valid email address.</mat-error> }
          </mat-form-field>
        </form>
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      @if (result(); as r) {
        <button mat-flat-button type="button" [mat-dialog-close]="r">Done</button>
      } @else {
        <button mat-button type="button" mat-dialog-close>Cancel</button>
        <button mat-flat-button type="submit" form="invite-form" [disabled]="busy()">Send invitation</button>
      }
    </mat-dialog-actions>
  `,
  styles: `.form { display: grid; gap: 4px; min-width: min(420px, 80vw); padding-top: 8px; }`,
})
export class InviteDialog {
  private readonly invitations = inject(InvitationsService);
  protected readonly data = inject<InviteData>(MAT_DIALOG_DATA);
  protected readonly title = this.data.kind === 'preparer' ? 'Invite a preparer' : this.data.clientId ? 'Invite a login for this client' : 'Invite a client';
  protected readonly form = inject(NonNullableFormBuilder).group({
    displayName: [this.data.displayName ?? '', [Validators.required, Validators.maxLength(200)]],
    email: [this.data.email ?? '', [Validators.required, Validators.email]],
  });
  protected readonly busy = signal(false);
  protected readonly result = signal<InvitationWithLink | null>(null);

  protected send(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.busy.set(true);
    const { displayName, email } = this.form.getRawValue();
    this.invitations.create({ kind: this.data.kind, displayName: displayName.trim(), email: email.trim(), ...(this.data.clientId ? { clientId: this.data.clientId } : {}) }).subscribe({
      next: (r) => this.result.set(r),
      error: () => this.busy.set(false),
    });
  }
}
