import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MetaService } from '../../core/meta.service';

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
    <a mat-flat-button routerLink="/sign-in">Sign in</a>
  `,
})
export class HomePage {
  protected readonly meta = inject(MetaService).meta;
}
