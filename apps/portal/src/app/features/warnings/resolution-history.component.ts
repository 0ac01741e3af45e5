import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatTableModule } from '@angular/material/table';
import type { ResolutionView } from '@lotline/contracts';
import { NotificationsService } from '../../core/notifications.service';
import { ReconciliationService } from '../../data/reconciliation.service';
import { confirmAction } from '../../shared/confirm.dialog';
import { current } from '../../shared/resource';
import { ACTION_LABELS } from './warning-labels';

/** A client's resolution history (who, when, what, why), newest first, with undo for active records. */
@Component({
  selector: 'll-resolution-history',
  imports: [DatePipe, MatButtonModule, MatPaginatorModule, MatTableModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section aria-labelledby="history-title">
      <h3 id="history-title">Resolution history</h3>
      <table mat-table [dataSource]="items()" aria-label="Resolution history">
        <ng-container matColumnDef="when">
          <th mat-header-cell *matHeaderCellDef>When</th>
          <td mat-cell *matCellDef="let r">{{ r.createdAt | date: 'short' }}</td>
        </ng-container>
        <ng-container matColumnDef="who">
          <th mat-header-cell *matHeaderCellDef>Who</th>
          <td mat-cell *matCellDef="let r">{{ r.createdBy?.displayName ?? '—' }}@if (r.byClient) { (client answer)}</td>
        </ng-container>
        <ng-container matColumnDef="action">
          <th mat-header-cell *matHeaderCellDef>What</th>
          <td mat-cell *matCellDef="let r">{{ label(r) }}</td>
        </ng-container>
        <ng-container matColumnDef="reason">
          <th mat-header-cell *matHeaderCellDef>Why</th>
          <td mat-cell *matCellDef="let r">{{ r.reason }}@if (r.evidenceNote && r.evidenceNote !== r.reason) { <div class="sub"> Evidence: {{ r.evidenceNote }}</div> }</td>
        </ng-container>
        <ng-container matColumnDef="state">
          <th mat-header-cell *matHeaderCellDef><span class="visually-hidden">Undo</span></th>
          <td mat-cell *matCellDef="let r">
            @if (r.undoneAt) { <span class="sub">Undone {{ r.undoneAt | date: 'short' }}</span> }
            @else if (r.action !== 'undo') {
              <button mat-button type="button" (click)="undo(r)" [disabled]="busy()" [attr.aria-label]="'Undo ' + label(r)">Undo</button>
            }
          </td>
        </ng-container>
        <tr mat-header-row *matHeaderRowDef="columns"></tr>
        <tr mat-row *matRowDef="let row; columns: columns" data-testid="resolution-row"></tr>
        <tr class="mat-mdc-row" *matNoDataRow>
          <td class="mat-mdc-cell empty" [attr.colspan]="columns.length">{{ list.isLoading() ? 'Loading…' : 'Nothing resolved yet.' }}</td>
        </tr>
      </table>
      <mat-paginator [length]="listValue()?.total ?? 0" [pageIndex]="page() - 1" [pageSize]="20" [hidePageSize]="true" (page)="setPage($event)" aria-label="Resolution pages" />
    </section>
  `,
  styles: `
    .sub { color: var(--mat-sys-on-surface-variant); font-size: 12px; }
    .empty { padding: 16px; }
    table { width: 100%; }
    .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  `,
})
export class ResolutionHistoryComponent {
  private readonly recon = inject(ReconciliationService);
  private readonly dialog = inject(MatDialog);
  private readonly notifications = inject(NotificationsService);
  readonly clientId = input.required<string>();
  /** An undo record was created (the numbers recompute). */
  readonly undone = output<ResolutionView>();
  protected readonly labels = ACTION_LABELS;
  protected readonly columns = ['when', 'who', 'action', 'reason', 'state'];
  protected readonly page = signal(1);
  protected readonly busy = signal(false);
  protected readonly list = rxResource({
    params: () => ({ clientId: this.clientId(), page: this.page() }),
    stream: ({ params }) => this.recon.resolutions(params.clientId, params.page, 20),
  });
  protected readonly listValue = current(this.list);
  protected readonly items = computed(() => [...(this.listValue()?.items ?? [])]);

  protected label(r: ResolutionView): string {
    return this.labels[r.action];
  }

  reload(): void {
    this.list.reload();
  }

  protected setPage(e: PageEvent): void {
    this.page.set(e.pageIndex + 1);
  }

  protected undo(r: ResolutionView): void {
    confirmAction(this.dialog, {
      title: 'Undo this resolution?',
      message: `"${this.labels[r.action]}" (${r.reason}) stops applying; its warnings come back and the numbers are recalculated. The record stays in the history.`,
      confirm: 'Undo',
    }).subscribe((ok) => {
      if (!ok) return;
      this.busy.set(true);
      this.recon.undo(this.clientId(), r.id, `Undo of ${this.labels[r.action]}`).subscribe({
        next: (u) => {
          this.busy.set(false);
          this.notifications.info('Undone. The numbers are being recalculated.');
          this.undone.emit(u);
          this.list.reload();
        },
        error: () => this.busy.set(false),
      });
    });
  }
}
