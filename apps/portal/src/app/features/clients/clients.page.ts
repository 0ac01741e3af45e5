import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { rxResource, toObservable, toSignal } from '@angular/core/rxjs-interop';
import { DatePipe } from '@angular/common';
import { Router, RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatSelectModule } from '@angular/material/select';
import { MatSortModule, type Sort } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import { AbilityServiceSignal } from '@casl/angular';
import type { AppAbility } from '@lotline/authz';
import { CLIENT_STATUSES, type ClientDetail, type ClientSort, type ClientStatus } from '@lotline/contracts';
import { debounceTime, of } from 'rxjs';
import { ClientsService, type ClientQuery } from '../../data/clients.service';
import { TeamService } from '../../data/team.service';
import { InviteDialog, type InviteData } from '../../shared/invite.dialog';
import { STATUS_LABELS, defaultTaxYear, taxYears } from '../../shared/labels';
import { AddClientDialog } from './add-client.dialog';
import { StatusChartComponent } from './status-chart.component';
import { current } from '../../shared/resource';

const SORTABLE: Readonly<Record<string, string>> = { name: 'name', status: 'status', lastActivity: 'lastActivity' };

/** The firm dashboard: clients with their status for a tax year, filters, server-side sort and pages, a chart. */
@Component({
  selector: 'll-clients-page',
  imports: [
    DatePipe,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatPaginatorModule,
    MatSelectModule,
    MatSortModule,
    MatTableModule,
    StatusChartComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="head">
      <h1>Clients</h1>
      <span class="spacer"></span>
      @if (can('create', 'Invitation')) {
        <button mat-flat-button type="button" (click)="invite()">Invite client</button>
      }
      @if (can('create', 'Client')) {
        <button mat-stroked-button type="button" (click)="add()">Add client without login</button>
      }
    </div>

    @if (listValue(); as data) {
      <ll-status-chart [counts]="data.statusCounts" [taxYear]="data.taxYear" />
    }

    <div class="filters">
      <mat-form-field>
        <mat-label>Tax year</mat-label>
        <mat-select [value]="taxYear()" (valueChange)="setYear($event)">
          @for (y of years; track y) { <mat-option [value]="y">{{ y }}</mat-option> }
        </mat-select>
      </mat-form-field>
      <mat-form-field>
        <mat-label>Search</mat-label>
        <input matInput type="search" [value]="searchText()" (input)="searchText.set($any($event.target).value)" placeholder="Name or email" />
      </mat-form-field>
      <mat-form-field>
        <mat-label>Status</mat-label>
        <mat-select [value]="status()" (valueChange)="status.set($event); page.set(1)">
          <mat-option value="">Any status</mat-option>
          @for (s of statuses; track s) { <mat-option [value]="s">{{ labels[s] }}</mat-option> }
        </mat-select>
      </mat-form-field>
      @if (can('read', 'Team')) {
        <mat-form-field>
          <mat-label>Preparer</mat-label>
          <mat-select [value]="preparerId()" (valueChange)="preparerId.set($event); page.set(1)">
            <mat-option value="">Any preparer</mat-option>
            @for (m of preparers(); track m.id) { <mat-option [value]="m.id">{{ m.displayName }}</mat-option> }
          </mat-select>
        </mat-form-field>
      }
    </div>

    <table mat-table [dataSource]="rows()" matSort matSortActive="name" matSortDirection="asc" (matSortChange)="setSort($event)" aria-label="Clients">
      <ng-container matColumnDef="name">
        <th mat-header-cell *matHeaderCellDef mat-sort-header>Client</th>
        <td mat-cell *matCellDef="let c">
          <a [routerLink]="['/clients', c.id]">{{ c.displayName }}</a>
          @if (c.email) { <div class="sub">{{ c.email }}</div> }
          @if (!c.hasLogin) { <div class="sub">No login</div> }
        </td>
      </ng-container>
      <ng-container matColumnDef="status">
        <th mat-header-cell *matHeaderCellDef mat-sort-header>Status</th>
        <td mat-cell *matCellDef="let c">{{ label(c.status) }}</td>
      </ng-container>
      <ng-container matColumnDef="preparers">
        <th mat-header-cell *matHeaderCellDef>Preparers</th>
        <td mat-cell *matCellDef="let c">
          @for (p of c.preparers; track p.id; let last = $last) { {{ p.displayName }}@if (!last) {, } } @empty { <span class="sub">Unassigned</span> }
        </td>
      </ng-container>
      <ng-container matColumnDef="lastActivity">
        <th mat-header-cell *matHeaderCellDef mat-sort-header>Last activity</th>
        <td mat-cell *matCellDef="let c">{{ c.lastActivityAt ? (c.lastActivityAt | date: 'medium') : '—' }}</td>
      </ng-container>
      <ng-container matColumnDef="warnings">
        <th mat-header-cell *matHeaderCellDef>Open warnings</th>
        <td mat-cell *matCellDef="let c" class="num">{{ c.openWarnings }}</td>
      </ng-container>
      <tr mat-header-row *matHeaderRowDef="columns"></tr>
      <tr mat-row *matRowDef="let row; columns: columns"></tr>
      <tr class="mat-mdc-row" *matNoDataRow>
        <td class="mat-mdc-cell empty" [attr.colspan]="columns.length">{{ list.isLoading() ? 'Loading…' : 'No clients match.' }}</td>
      </tr>
    </table>
    <mat-paginator
      [length]="listValue()?.total ?? 0"
      [pageIndex]="page() - 1"
      [pageSize]="pageSize()"
      [pageSizeOptions]="[10, 25, 50, 100]"
      (page)="setPage($event)"
      aria-label="Client pages"
    />
  `,
  styles: `
    .head { display: flex; align-items: center; gap: 8px; flex-wrap: wrap; }
    .spacer { flex: 1; }
    .filters { display: flex; gap: 12px; flex-wrap: wrap; }
    .sub { font-size: 12px; color: #666; }
    .num { text-align: right; }
    .empty { padding: 16px; }
    table { width: 100%; }
  `,
})
export class ClientsPage {
  private readonly clients = inject(ClientsService);
  private readonly team = inject(TeamService);
  private readonly dialog = inject(MatDialog);
  private readonly router = inject(Router);
  protected readonly can = inject<AbilityServiceSignal<AppAbility>>(AbilityServiceSignal).can;

  protected readonly years = taxYears();
  protected readonly statuses = CLIENT_STATUSES;
  protected readonly labels = STATUS_LABELS;
  protected readonly columns = ['name', 'status', 'preparers', 'lastActivity', 'warnings'];

  protected readonly taxYear = signal(defaultTaxYear());
  protected readonly searchText = signal('');
  private readonly search = toSignal(toObservable(this.searchText).pipe(debounceTime(300)), { initialValue: '' });
  protected readonly status = signal<ClientStatus | ''>('');
  protected readonly preparerId = signal('');
  protected readonly sort = signal<ClientSort>('name');
  protected readonly page = signal(1);
  protected readonly pageSize = signal(25);

  private readonly query = computed<ClientQuery>(() => ({
    taxYear: this.taxYear(),
    search: this.search(),
    status: this.status(),
    preparerId: this.preparerId(),
    sort: this.sort(),
    page: this.page(),
    pageSize: this.pageSize(),
  }));
  protected readonly list = rxResource({ params: () => this.query(), stream: ({ params }) => this.clients.list(params) });
  protected readonly listValue = current(this.list);
  protected readonly rows = computed(() => this.listValue()?.items ?? []);
  private readonly members = rxResource({
    params: () => this.can('read', 'Team'),
    stream: ({ params }) => (params ? this.team.list() : of([])),
  });
  private readonly membersValue = current(this.members);
  protected readonly preparers = computed(() => (this.membersValue() ?? []).filter((m) => m.active));

  constructor() {
    // A new search starts at page 1.
    toObservable(this.search).subscribe(() => this.page.set(1));
  }

  protected label(s: ClientStatus): string {
    return STATUS_LABELS[s];
  }

  protected setYear(year: number): void {
    this.taxYear.set(year);
    this.page.set(1);
  }

  protected setSort(s: Sort): void {
    const key = SORTABLE[s.active] ?? 'name';
    this.sort.set((s.direction === 'desc' ? `-${key}` : key) as ClientSort);
    this.page.set(1);
  }

  protected setPage(e: PageEvent): void {
    this.pageSize.set(e.pageSize);
    this.page.set(e.pageIndex + 1);
  }

  protected invite(): void {
    this.dialog
      .open<InviteDialog, InviteData>(InviteDialog, { data: { kind: 'client' } })
      .afterClosed()
      .subscribe((r) => r && this.list.reload());
  }

  protected add(): void {
    this.dialog
      .open<AddClientDialog, undefined, ClientDetail>(AddClientDialog)
      .afterClosed()
      .subscribe((c) => c && void this.router.navigate(['/clients', c.id]));
  }
}
