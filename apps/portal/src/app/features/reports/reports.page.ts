import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { Router } from '@angular/router';
import { ClientsService } from '../../data/clients.service';
import { defaultTaxYear } from '../../shared/labels';
import { current } from '../../shared/resource';
import { ReportVersionsComponent } from './report-versions.component';

/** Staff: pick a client, see whether the final set can be generated (and why not), generate, list versions, download. */
@Component({
  selector: 'll-reports-page',
  imports: [MatFormFieldModule, MatSelectModule, ReportVersionsComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>Reports</h1>
    <p>Final report sets are generated once the report is paid and no blocking warning is open; the preview stays free.</p>
    @if (clientsValue(); as list) {
      <mat-form-field class="client">
        <mat-label>Client</mat-label>
        <mat-select [value]="selected()" (valueChange)="choose($event)" data-testid="report-client">
          @for (c of list.items; track c.id) { <mat-option [value]="c.id">{{ c.displayName }}</mat-option> }
        </mat-select>
      </mat-form-field>
      @if (selected(); as id) { <ll-report-versions [clientId]="id" [staff]="true" /> }
      @else if (!list.items.length) { <p>No clients yet.</p> }
    } @else if (clients.error()) {
      <p role="alert">The clients could not be loaded.</p>
    } @else {
      <p>Loading…</p>
    }
  `,
  styles: `.client { min-width: 320px; }`,
})
export class ReportsPage {
  private readonly clientsApi = inject(ClientsService);
  private readonly router = inject(Router);
  /** `?client=<id>` (bound by the router). */
  readonly client = input<string | undefined>(undefined);

  protected readonly clients = rxResource({
    stream: () => this.clientsApi.list({ taxYear: defaultTaxYear(), search: '', status: '', preparerId: '', sort: 'name', page: 1, pageSize: 100 }),
  });
  protected readonly clientsValue = current(this.clients);
  private readonly picked = signal<string | null>(null);
  protected readonly selected = computed(() => this.picked() ?? this.client() ?? this.clientsValue()?.items[0]?.id ?? null);

  constructor() {
    effect(() => this.picked.set(this.client() ?? null));
  }

  protected choose(id: string): void {
    this.picked.set(id);
    void this.router.navigate([], { queryParams: { client: id }, replaceUrl: true });
  }
}
