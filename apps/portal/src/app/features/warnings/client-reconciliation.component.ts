import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { taxYears } from '../../shared/labels';
import { MatchedTransfersComponent } from './matched-transfers.component';
import { WarningQueueComponent } from './warning-queue.component';

/** Staff's reconciliation block on the client profile: the previews by tax year, the client's warning queue and matched transfers. */
@Component({
  selector: 'll-client-reconciliation',
  imports: [MatchedTransfersComponent, RouterLink, WarningQueueComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section aria-labelledby="reconciliation-title">
      <h2 id="reconciliation-title">Reconciliation</h2>
      <p class="links">
        Preview:
        @for (y of years; track y) { <a [routerLink]="['/clients', clientId(), 'preview', y]">{{ y }}</a> }
      </p>
      <ll-warning-queue [clientId]="clientId()" />
      <ll-matched-transfers [clientId]="clientId()" />
    </section>
  `,
  styles: `.links { display: flex; gap: 12px; flex-wrap: wrap; }`,
})
export class ClientReconciliationComponent {
  readonly clientId = input.required<string>();
  protected readonly years = taxYears();
}
