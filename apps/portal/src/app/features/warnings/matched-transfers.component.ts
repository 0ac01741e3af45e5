import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, input, signal } from '@angular/core';
import { rxResource, takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatDialog } from '@angular/material/dialog';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatTableModule } from '@angular/material/table';
import type { AppliedMatchView, ResolutionView } from '@lotline/contracts';
import type { Observable } from 'rxjs';
import { describeError } from '../../core/api-error';
import { NotificationsService } from '../../core/notifications.service';
import { ReconciliationService } from '../../data/reconciliation.service';
import { confirmAction } from '../../shared/confirm.dialog';
import { current } from '../../shared/resource';

export type MatchOrigin = 'all' | 'automatic' | 'manual';
const PAGE_SIZE = 20;

/**
 * The client's applied transfer matches (automatic, or made by a resolution) with "Undo match": an automatic one is
 * undone by an unmatch resolution, a manual one by undoing its match-pair resolution. Either way the two events come
 * back as unmatched warnings after the recompute, which this list follows before it refreshes.
 */
@Component({
  selector: 'll-matched-transfers',
  imports: [DatePipe, MatButtonModule, MatButtonToggleModule, MatPaginatorModule, MatTableModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section aria-labelledby="matches-title">
      <h3 id="matches-title">Matched transfers</h3>
      <mat-button-toggle-group [value]="origin()" (change)="setOrigin($event.value)" aria-label="Which matches">
        <mat-button-toggle value="all">All</mat-button-toggle>
        <mat-button-toggle value="automatic">Automatic</mat-button-toggle>
        <mat-button-toggle value="manual">Manual</mat-button-toggle>
      </mat-button-toggle-group>
      <table mat-table [dataSource]="items()" aria-label="Matched transfers">
        <ng-container matColumnDef="origin">
          <th mat-header-cell *matHeaderCellDef>How</th>
          <td mat-cell *matCellDef="let m">{{ m.automatic ? 'Automatic' : 'Manual' }}</td>
        </ng-container>
        <ng-container matColumnDef="transfer">
          <th mat-header-cell *matHeaderCellDef>Transfer</th>
          <td mat-cell *matCellDef="let m">{{ m.asset }}: {{ m.fromAccount }} → {{ m.toAccount }}</td>
        </ng-container>
        <ng-container matColumnDef="amounts">
          <th mat-header-cell *matHeaderCellDef>Sent / received (fee)</th>
          <td mat-cell *matCellDef="let m">{{ m.sent }} / {{ m.received }} ({{ m.fee }})</td>
        </ng-container>
        <ng-container matColumnDef="dates">
          <th mat-header-cell *matHeaderCellDef>Withdrawn / deposited</th>
          <td mat-cell *matCellDef="let m">{{ m.withdrawnAt | date: 'short' }} / {{ m.depositedAt | date: 'short' }}</td>
        </ng-container>
        <ng-container matColumnDef="confidence">
          <th mat-header-cell *matHeaderCellDef>Confidence</th>
          <td mat-cell *matCellDef="let m">{{ m.tier }} ({{ percent(m) }})</td>
        </ng-container>
        <ng-container matColumnDef="undo">
          <th mat-header-cell *matHeaderCellDef><span class="visually-hidden">Undo</span></th>
          <td mat-cell *matCellDef="let m">
            @if (pending().has(keyOf(m))) { <span class="sub">Undone, recalculating…</span> }
            @else { <button mat-button type="button" (click)="undo(m)" [disabled]="busy()" [attr.aria-label]="'Undo match ' + m.asset + ' ' + m.fromAccount + ' to ' + m.toAccount">Undo match</button> }
          </td>
        </ng-container>
        <tr mat-header-row *matHeaderRowDef="columns"></tr>
        <tr mat-row *matRowDef="let row; columns: columns" data-testid="match-row"></tr>
        <tr class="mat-mdc-row" *matNoDataRow>
          <td class="mat-mdc-cell empty" [attr.colspan]="columns.length">{{ list.isLoading() ? 'Loading…' : 'No matched transfers.' }}</td>
        </tr>
      </table>
      <mat-paginator [length]="listValue()?.total ?? 0" [pageIndex]="page() - 1" [pageSize]="pageSize" [hidePageSize]="true" (page)="setPage($event)" aria-label="Matched transfer pages" />
    </section>
  `,
  styles: `
    .sub { color: var(--mat-sys-on-surface-variant); font-size: 12px; }
    .empty { padding: 16px; }
    table { width: 100%; }
    .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  `,
})
export class MatchedTransfersComponent {
  private readonly recon = inject(ReconciliationService);
  private readonly dialog = inject(MatDialog);
  private readonly notifications = inject(NotificationsService);
  private readonly destroyRef = inject(DestroyRef);
  readonly clientId = input.required<string>();
  protected readonly columns = ['origin', 'transfer', 'amounts', 'dates', 'confidence', 'undo'];
  protected readonly pageSize = PAGE_SIZE;
  protected readonly origin = signal<MatchOrigin>('all');
  protected readonly page = signal(1);
  protected readonly busy = signal(false);
  /** Matches undone here whose recompute has not finished yet. */
  protected readonly pending = signal<ReadonlySet<string>>(new Set());
  protected readonly list = rxResource({
    params: () => ({ clientId: this.clientId(), origin: this.origin(), page: this.page() }),
    stream: ({ params }) => this.recon.matches(params.clientId, { origin: params.origin === 'all' ? undefined : params.origin, page: params.page, pageSize: PAGE_SIZE }),
  });
  protected readonly listValue = current(this.list);
  protected readonly items = computed(() => [...(this.listValue()?.items ?? [])]);

  protected keyOf(m: AppliedMatchView): string {
    return `${m.withdrawalId}>${m.depositId}`;
  }

  protected percent(m: AppliedMatchView): string {
    return `${Math.round(m.confidence * 100)}%`;
  }

  protected setOrigin(origin: MatchOrigin): void {
    this.origin.set(origin);
    this.page.set(1);
  }

  protected setPage(e: PageEvent): void {
    this.page.set(e.pageIndex + 1);
  }

  protected undo(m: AppliedMatchView): void {
    confirmAction(this.dialog, {
      title: 'Undo this transfer match?',
      message: `The ${m.asset} withdrawal from ${m.fromAccount} and the deposit to ${m.toAccount} are no longer treated as one transfer: both come back as unmatched warnings and the numbers are recalculated. You can undo this from the resolution history.`,
      confirm: 'Undo match',
    }).subscribe((ok) => {
      if (!ok) return;
      this.busy.set(true);
      const done: Observable<ResolutionView> = m.automatic
        ? this.recon.resolve(this.clientId(), { payload: { action: 'unmatch', withdrawalId: m.withdrawalId, depositId: m.depositId }, warningIds: [], reason: `Undo of the automatic ${m.asset} transfer match` })
        : this.recon.undo(this.clientId(), m.resolutionId ?? '', `Undo of the ${m.asset} transfer match`);
      done.subscribe({
        next: () => {
          this.busy.set(false);
          this.pending.update((s) => new Set([...s, this.keyOf(m)]));
          this.notifications.info('Match undone. The numbers are being recalculated.');
          this.recon
            .watchRecompute(this.clientId())
            .pipe(takeUntilDestroyed(this.destroyRef))
            .subscribe({ complete: () => this.refresh(), error: () => this.refresh() });
        },
        error: (e: unknown) => {
          this.busy.set(false);
          this.notifications.error(describeError(e));
        },
      });
    });
  }

  private refresh(): void {
    this.pending.set(new Set());
    this.list.reload();
  }
}
