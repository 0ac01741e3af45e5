import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { DatePipe, JsonPipe } from '@angular/common';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { describeError } from '../../core/api-error';
import { NotificationsService } from '../../core/notifications.service';
import { AuditService, type AuditQuery } from '../../data/audit.service';
import { TeamService } from '../../data/team.service';
import { current } from '../../shared/resource';

interface Filters {
  readonly action: string;
  readonly actorId: string;
  readonly from: string;
  readonly to: string;
}

const NO_FILTERS: Filters = { action: '', actorId: '', from: '', to: '' };

/** The firm's audit log (firm admin): filters, pages, CSV export. */
@Component({
  selector: 'll-audit-page',
  imports: [DatePipe, JsonPipe, FormsModule, MatButtonModule, MatFormFieldModule, MatInputModule, MatPaginatorModule, MatSelectModule, MatTableModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="head">
      <h1>Audit log</h1>
      <span class="spacer"></span>
      <button mat-stroked-button type="button" (click)="exportCsv()" [disabled]="exporting()">Export CSV</button>
    </div>
    <form class="filters" (ngSubmit)="apply()">
      <mat-form-field>
        <mat-label>Action</mat-label>
        <input matInput name="action" [(ngModel)]="draft.action" placeholder="e.g. auth.sign_in" />
      </mat-form-field>
      <mat-form-field>
        <mat-label>Who</mat-label>
        <mat-select name="actorId" [(ngModel)]="draft.actorId">
          <mat-option value="">Anyone</mat-option>
          @for (m of memberList(); track m.id) { <mat-option [value]="m.id">{{ m.displayName }}</mat-option> }
        </mat-select>
      </mat-form-field>
      <mat-form-field>
        <mat-label>From</mat-label>
        <input matInput type="date" name="from" [(ngModel)]="draft.from" />
      </mat-form-field>
      <mat-form-field>
        <mat-label>To</mat-label>
        <input matInput type="date" name="to" [(ngModel)]="draft.to" />
      </mat-form-field>
      <div class="buttons">
        <button mat-flat-button type="submit">Apply filters</button>
        <button mat-button type="button" (click)="clear()">Clear</button>
      </div>
    </form>
    <table mat-table [dataSource]="entries()" aria-label="Audit entries">
      <ng-container matColumnDef="at">
        <th mat-header-cell *matHeaderCellDef>Time</th>
        <td mat-cell *matCellDef="let e">{{ e.at | date: 'medium' }}</td>
      </ng-container>
      <ng-container matColumnDef="actor">
        <th mat-header-cell *matHeaderCellDef>Who</th>
        <td mat-cell *matCellDef="let e">{{ e.actor?.displayName ?? '—' }}</td>
      </ng-container>
      <ng-container matColumnDef="action">
        <th mat-header-cell *matHeaderCellDef>Action</th>
        <td mat-cell *matCellDef="let e"><code>{{ e.action }}</code></td>
      </ng-container>
      <ng-container matColumnDef="subject">
        <th mat-header-cell *matHeaderCellDef>Subject</th>
        <td mat-cell *matCellDef="let e">{{ e.subjectType }} {{ e.subjectId ?? '' }}</td>
      </ng-container>
      <ng-container matColumnDef="summary">
        <th mat-header-cell *matHeaderCellDef>Details</th>
        <td mat-cell *matCellDef="let e"><code class="summary">{{ e.summary | json }}</code></td>
      </ng-container>
      <ng-container matColumnDef="origin">
        <th mat-header-cell *matHeaderCellDef>From</th>
        <td mat-cell *matCellDef="let e">{{ e.ip ?? '' }}<div class="sub">{{ e.userAgent ?? '' }}</div></td>
      </ng-container>
      <tr mat-header-row *matHeaderRowDef="columns"></tr>
      <tr mat-row *matRowDef="let row; columns: columns"></tr>
      <tr class="mat-mdc-row" *matNoDataRow>
        <td class="mat-mdc-cell empty" [attr.colspan]="columns.length">{{ list.isLoading() ? 'Loading…' : 'No entries match.' }}</td>
      </tr>
    </table>
    <mat-paginator [length]="listValue()?.total ?? 0" [pageIndex]="page() - 1" [pageSize]="pageSize()" [pageSizeOptions]="[25, 50, 100]" (page)="setPage($event)" aria-label="Audit pages" />
  `,
  styles: `
    .head { display: flex; align-items: center; }
    .spacer { flex: 1; }
    .filters { display: flex; gap: 12px; flex-wrap: wrap; align-items: baseline; }
    .summary { white-space: pre-wrap; word-break: break-word; font-size: 12px; }
    .sub { font-size: 11px; color: #666; max-width: 200px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    .empty { padding: 16px; }
    table { width: 100%; }
  `,
})
export class AuditPage {
  private readonly audit = inject(AuditService);
  private readonly team = inject(TeamService);
  private readonly notifications = inject(NotificationsService);
  protected readonly columns = ['at', 'actor', 'action', 'subject', 'summary', 'origin'];
  protected draft: { action: string; actorId: string; from: string; to: string } = { ...NO_FILTERS };
  private readonly filters = signal<Filters>(NO_FILTERS);
  protected readonly page = signal(1);
  protected readonly pageSize = signal(50);
  protected readonly exporting = signal(false);
  private readonly query = computed<AuditQuery>(() => ({ ...this.filters(), page: this.page(), pageSize: this.pageSize() }));
  protected readonly list = rxResource({ params: () => this.query(), stream: ({ params }) => this.audit.list(params) });
  protected readonly listValue = current(this.list);
  protected readonly entries = computed(() => this.listValue()?.items ?? []);
  private readonly members = rxResource({ stream: () => this.team.list() });
  private readonly membersValue = current(this.members);
  protected readonly memberList = computed(() => this.membersValue() ?? []);

  protected apply(): void {
    this.filters.set({ ...this.draft });
    this.page.set(1);
  }

  protected clear(): void {
    this.draft = { ...NO_FILTERS };
    this.apply();
  }

  protected setPage(e: PageEvent): void {
    this.pageSize.set(e.pageSize);
    this.page.set(e.pageIndex + 1);
  }

  protected async exportCsv(): Promise<void> {
    this.exporting.set(true);
    try {
      const blob = await this.audit.exportCsv(this.filters());
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = `lotline-audit-${new Date().toISOString().slice(0, 10)}.csv`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) {
      this.notifications.error(e instanceof Error ? e.message : describeError(e));
    } finally {
      this.exporting.set(false);
    }
  }
}
