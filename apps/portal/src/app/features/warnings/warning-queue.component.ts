import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, input, output, signal, viewChild } from '@angular/core';
import { rxResource, takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import {
  WARNING_KINDS,
  WARNING_SEVERITIES,
  type ResolutionView,
  type WarningKind,
  type WarningQueueQuery,
  type WarningSeverity,
  type WarningStatus,
  type WarningView,
} from '@lotline/contracts';
import { of } from 'rxjs';
import { NotificationsService } from '../../core/notifications.service';
import { ClientsService } from '../../data/clients.service';
import { ReconciliationService } from '../../data/reconciliation.service';
import { defaultTaxYear } from '../../shared/labels';
import { current } from '../../shared/resource';
import { BulkActionsComponent } from './bulk-actions.component';
import { RecomputeStatusComponent } from './recompute-status.component';
import { ResolutionHistoryComponent } from './resolution-history.component';
import { ResolveWarningDialog, type ResolveWarningData } from './resolve-warning.dialog';
import { SEVERITY_LABELS, WARNING_KIND_LABELS } from './warning-labels';

interface Filters {
  readonly kind: WarningKind | '';
  readonly severity: WarningSeverity | '';
  readonly status: WarningStatus;
  readonly blocking: '' | 'true' | 'false';
  readonly clientId: string;
}

const NO_FILTERS: Filters = { kind: '', severity: '', status: 'open', blocking: '', clientId: '' };

/**
 * The warning queue: firm-wide (no `clientId`; preparers see their assigned clients, the API filters) or one
 * client's (with bulk actions, recompute status and the resolution history with undo). Filters by kind, severity,
 * status, blocking and client; counts by kind; pages.
 */
@Component({
  selector: 'll-warning-queue',
  imports: [
    DatePipe,
    FormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatPaginatorModule,
    MatSelectModule,
    MatTableModule,
    BulkActionsComponent,
    RecomputeStatusComponent,
    ResolutionHistoryComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section aria-labelledby="warnings-title">
      <h2 id="warnings-title">{{ clientId() ? 'Warnings' : 'Open items' }}</h2>
      @if (clientId(); as id) {
        <ll-recompute-status [clientId]="id" [canRequest]="canResolve()" (settled)="refresh()" />
        @if (canResolve()) { <ll-bulk-actions [clientId]="id" (resolved)="changed()" /> }
      }
      @if (queue(); as q) {
        <p data-testid="open-blocking">{{ q.openBlocking }} open blocking {{ q.openBlocking === 1 ? 'warning' : 'warnings' }}</p>
        <div class="chips" role="group" aria-label="Warnings by kind">
          @for (k of kindsWithCounts(); track k.kind) {
            <button mat-stroked-button type="button" [class.on]="filters().kind === k.kind" (click)="toggleKind(k.kind)" [attr.aria-pressed]="filters().kind === k.kind" data-testid="kind-count">
              {{ kindLabels[k.kind] }} ({{ k.count }})
            </button>
          }
        </div>
      }
      <div class="filters">
        <mat-form-field>
          <mat-label>Kind</mat-label>
          <mat-select [ngModel]="filters().kind" (ngModelChange)="set({ kind: $event })">
            <mat-option value="">All kinds</mat-option>
            @for (k of kinds; track k) { <mat-option [value]="k">{{ kindLabels[k] }}</mat-option> }
          </mat-select>
        </mat-form-field>
        <mat-form-field>
          <mat-label>Severity</mat-label>
          <mat-select [ngModel]="filters().severity" (ngModelChange)="set({ severity: $event })">
            <mat-option value="">Any severity</mat-option>
            @for (s of severities; track s) { <mat-option [value]="s">{{ severityLabels[s] }}</mat-option> }
          </mat-select>
        </mat-form-field>
        <mat-form-field>
          <mat-label>Status</mat-label>
          <mat-select [ngModel]="filters().status" (ngModelChange)="set({ status: $event })">
            <mat-option value="open">Open</mat-option>
            <mat-option value="resolved">Resolved</mat-option>
          </mat-select>
        </mat-form-field>
        <mat-form-field>
          <mat-label>Blocking</mat-label>
          <mat-select [ngModel]="filters().blocking" (ngModelChange)="set({ blocking: $event })">
            <mat-option value="">Blocking or not</mat-option>
            <mat-option value="true">Blocking only</mat-option>
            <mat-option value="false">Non-blocking only</mat-option>
          </mat-select>
        </mat-form-field>
        @if (!clientId()) {
          <mat-form-field>
            <mat-label>Client</mat-label>
            <mat-select [ngModel]="filters().clientId" (ngModelChange)="set({ clientId: $event })">
              <mat-option value="">All clients</mat-option>
              @for (c of clientOptions(); track c.id) { <mat-option [value]="c.id">{{ c.displayName }}</mat-option> }
            </mat-select>
          </mat-form-field>
        }
      </div>

      <div class="scroll">
        <table mat-table [dataSource]="items()" aria-label="Warnings">
          <ng-container matColumnDef="severity">
            <th mat-header-cell *matHeaderCellDef>Severity</th>
            <td mat-cell *matCellDef="let w">
              <span class="badge" [class]="w.severity">{{ severityLabel(w) }}</span>
              @if (w.blocking) { <span class="blocking"> · Blocking</span> }
            </td>
          </ng-container>
          <ng-container matColumnDef="kind">
            <th mat-header-cell *matHeaderCellDef>Kind</th>
            <td mat-cell *matCellDef="let w">{{ kindLabel(w) }}</td>
          </ng-container>
          <ng-container matColumnDef="client">
            <th mat-header-cell *matHeaderCellDef>Client</th>
            <td mat-cell *matCellDef="let w"><a [routerLink]="['/clients', w.clientId]">{{ w.clientName }}</a></td>
          </ng-container>
          <ng-container matColumnDef="when">
            <th mat-header-cell *matHeaderCellDef>When</th>
            <td mat-cell *matCellDef="let w">{{ w.at ? (w.at | date: 'mediumDate' : 'UTC') : '—' }}</td>
          </ng-container>
          <ng-container matColumnDef="where">
            <th mat-header-cell *matHeaderCellDef>Account / asset</th>
            <td mat-cell *matCellDef="let w">{{ w.account ?? '—' }} · {{ w.asset ?? '—' }}</td>
          </ng-container>
          <ng-container matColumnDef="message">
            <th mat-header-cell *matHeaderCellDef>What</th>
            <td mat-cell *matCellDef="let w">
              {{ w.message }}
              @if (w.suggestionCount) { <div class="sub">{{ w.suggestionCount }} suggested {{ w.suggestionCount === 1 ? 'match' : 'matches' }}</div> }
            </td>
          </ng-container>
          <ng-container matColumnDef="actions">
            <th mat-header-cell *matHeaderCellDef><span class="visually-hidden">Actions</span></th>
            <td mat-cell *matCellDef="let w">
              @if (w.status === 'open' && canResolve()) {
                <button mat-flat-button type="button" (click)="resolve(w)" [attr.aria-label]="'Resolve ' + kindLabel(w) + ' ' + (w.asset ?? '')">Resolve</button>
              } @else if (w.status === 'resolved') {
                <span class="sub">Resolved</span>
              }
            </td>
          </ng-container>
          <tr mat-header-row *matHeaderRowDef="columns()"></tr>
          <tr mat-row *matRowDef="let row; columns: columns()" data-testid="warning-row" [attr.data-kind]="row.kind"></tr>
          <tr class="mat-mdc-row" *matNoDataRow>
            <td class="mat-mdc-cell empty" [attr.colspan]="columns().length">{{ list.isLoading() ? 'Loading…' : list.error() ? 'The warnings could not be loaded.' : 'No warnings match.' }}</td>
          </tr>
        </table>
      </div>
      <mat-paginator [length]="queue()?.total ?? 0" [pageIndex]="page() - 1" [pageSize]="pageSize()" [pageSizeOptions]="[25, 50, 100, 200]" (page)="setPage($event)" aria-label="Warning pages" />

      @if (clientId(); as id) {
        @if (canResolve()) { <ll-resolution-history [clientId]="id" (undone)="changed()" /> }
      }
    </section>
  `,
  styles: `
    .filters { display: flex; gap: 12px; flex-wrap: wrap; align-items: baseline; }
    .chips { display: flex; gap: 6px; flex-wrap: wrap; margin-bottom: 8px; }
    .chips .on { background: var(--mat-sys-secondary-container); }
    .badge { font-size: 12px; padding: 1px 8px; border-radius: 8px; background: var(--mat-sys-surface-container-high); }
    .badge.high { background: var(--mat-sys-error-container); color: var(--mat-sys-on-error-container); }
    .badge.medium { background: var(--mat-sys-tertiary-container); color: var(--mat-sys-on-tertiary-container); }
    .blocking { margin-left: 6px; font-weight: 500; font-size: 12px; }
    .sub { color: var(--mat-sys-on-surface-variant); font-size: 12px; }
    .scroll { overflow-x: auto; }
    .empty { padding: 16px; }
    table { width: 100%; }
    .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  `,
})
export class WarningQueueComponent {
  private readonly recon = inject(ReconciliationService);
  private readonly clients = inject(ClientsService);
  private readonly dialog = inject(MatDialog);
  private readonly notifications = inject(NotificationsService);
  private readonly destroyRef = inject(DestroyRef);
  /** One client's queue; without it, the firm-wide queue. */
  readonly clientId = input<string | null>(null);
  /** Whether the signed-in user may resolve (staff with access; the API checks it again). */
  readonly canResolve = input(true);
  /** A recompute of the client finished (the page may refresh other numbers). */
  readonly recomputed = output<void>();

  protected readonly kinds = WARNING_KINDS;
  protected readonly severities = WARNING_SEVERITIES;
  protected readonly kindLabels = WARNING_KIND_LABELS;
  protected readonly severityLabels = SEVERITY_LABELS;
  protected readonly columns = computed(() =>
    this.clientId() ? ['severity', 'kind', 'when', 'where', 'message', 'actions'] : ['severity', 'kind', 'client', 'when', 'where', 'message', 'actions'],
  );
  protected readonly filters = signal<Filters>(NO_FILTERS);
  protected readonly page = signal(1);
  protected readonly pageSize = signal(50);
  private readonly query = computed<{ q: WarningQueueQuery; clientId: string | null }>(() => {
    const f = this.filters();
    return {
      clientId: this.clientId(),
      q: {
        status: f.status,
        ...(f.kind ? { kind: f.kind } : {}),
        ...(f.severity ? { severity: f.severity } : {}),
        ...(f.blocking ? { blocking: f.blocking } : {}),
        ...(f.clientId && !this.clientId() ? { clientId: f.clientId } : {}),
        page: this.page(),
        pageSize: this.pageSize(),
      },
    };
  });
  protected readonly list = rxResource({ params: () => this.query(), stream: ({ params }) => this.recon.warnings(params.q, params.clientId ?? undefined) });
  protected readonly queue = current(this.list);
  protected readonly items = computed<WarningView[]>(() => [...(this.queue()?.items ?? [])]);
  protected readonly kindsWithCounts = computed(() => {
    const counts = this.queue()?.countsByKind ?? {};
    return WARNING_KINDS.filter((k) => (counts[k] ?? 0) > 0).map((k) => ({ kind: k, count: counts[k] ?? 0 }));
  });
  private readonly clientList = rxResource({
    params: () => !this.clientId(),
    stream: ({ params }) =>
      params ? this.clients.list({ taxYear: defaultTaxYear(), search: '', status: '', preparerId: '', sort: 'name', page: 1, pageSize: 100 }) : of(undefined),
  });
  private readonly clientListValue = current(this.clientList);
  protected readonly clientOptions = computed(() => this.clientListValue()?.items ?? []);
  private readonly recompute = viewChild(RecomputeStatusComponent);
  private readonly history = viewChild(ResolutionHistoryComponent);

  protected kindLabel(w: WarningView): string {
    return this.kindLabels[w.kind];
  }

  protected severityLabel(w: WarningView): string {
    return this.severityLabels[w.severity];
  }

  protected set(patch: Partial<Filters>): void {
    this.filters.update((f) => ({ ...f, ...patch }));
    this.page.set(1);
  }

  protected toggleKind(kind: WarningKind): void {
    this.set({ kind: this.filters().kind === kind ? '' : kind });
  }

  protected setPage(e: PageEvent): void {
    this.pageSize.set(e.pageSize);
    this.page.set(e.pageIndex + 1);
  }

  protected resolve(w: WarningView): void {
    this.dialog
      .open<ResolveWarningDialog, ResolveWarningData, ResolutionView>(ResolveWarningDialog, { data: { clientId: w.clientId, warningKey: w.key } })
      .afterClosed()
      .subscribe((r) => {
        if (!r) return;
        this.notifications.info('Resolution recorded. The numbers are being recalculated.');
        if (this.clientId()) return this.changed();
        // Firm-wide: follow that client's recompute (queued by the resolution), then refresh the list.
        this.recon
          .watchRecompute(w.clientId)
          .pipe(takeUntilDestroyed(this.destroyRef))
          .subscribe({ complete: () => this.list.reload(), error: () => this.list.reload() });
      });
  }

  /** A resolution, undo or bulk action was recorded: follow the recompute, refresh the history now. */
  protected changed(): void {
    this.history()?.reload();
    const r = this.recompute();
    if (r) r.follow();
    else this.list.reload();
  }

  /** The recompute finished: the warnings changed. */
  protected refresh(): void {
    this.list.reload();
    this.history()?.reload();
    this.recomputed.emit();
  }
}
