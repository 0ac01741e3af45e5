import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { Clipboard } from '@angular/cdk/clipboard';
import { MatButtonModule } from '@angular/material/button';
import type { InvitationWithLink } from '@lotline/contracts';

/** The single-use invitation link, shown once to copy (emailed as well when SMTP is configured). */
@Component({
  selector: 'll-invitation-link',
  imports: [MatButtonModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <p>
      Invitation for {{ result().invitation.email }} created.
      @if (result().emailed) { It was emailed; } @else { No email was sent; }
      share this single-use link (expires {{ result().invitation.expiresAt.slice(0, 10) }}):
    </p>
    <div class="row">
      <input class="link" readonly [value]="result().link" aria-label="Invitation link" data-testid="invitation-link" (focus)="select($event)" />
      <button mat-stroked-button type="button" (click)="copy()">{{ copied() ? 'Copied' : 'Copy link' }}</button>
    </div>
  `,
  styles: `
    .row { display: flex; gap: 8px; align-items: center; }
    .link { flex: 1; font: 13px monospace; padding: 6px; min-width: 0; }
  `,
})
export class InvitationLinkComponent {
  private readonly clipboard = inject(Clipboard);
  readonly result = input.required<InvitationWithLink>();
  protected readonly copied = signal(false);

  protected copy(): void {
    this.copied.set(this.clipboard.copy(this.result().link));
  }

  protected select(event: FocusEvent): void {
    (event.target as HTMLInputElement).select();
  }
}
