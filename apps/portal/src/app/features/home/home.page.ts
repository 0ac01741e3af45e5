import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MetaService } from '../../core/meta.service';
import { SessionService, homeFor } from '../../core/session.service';

@Component({
  selector: 'll-home-page',
  imports: [RouterLink, MatButtonModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>Crypto tax reports your firm can sign</h1>
    <p>
      Lotline collects your clients' exchange and wallet data, reconciles it lot by lot, and produces Form 8949,
      Schedule D and income reports.
    </p>
    @if (meta(); as m) {
      <p class="status" data-testid="api-status">Connected to Lotline {{ m.version }}.</p>
    } @else {
      <p class="status" data-testid="api-status">Connecting…</p>
    }
    @if (start(); as url) {
      <a mat-flat-button [routerLink]="url">Continue to Lotline</a>
    } @else {
      <a mat-flat-button routerLink="/sign-in">Sign in</a>
      <a mat-button routerLink="/sign-up">Create your firm</a>
    }
  `,
})
export class HomePage {
  protected readonly meta = inject(MetaService).meta;
  private readonly session = inject(SessionService);
  protected readonly start = computed(() => {
    const role = this.session.role();
    return role ? homeFor(role) : null;
  });
}
