import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, input, output, signal } from '@angular/core';
import { rxResource, takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatTableModule } from '@angular/material/table';
import type { Account, ExchangeConnectionView, ImportBatchView } from '@lotline/contracts';
import { Subscription } from 'rxjs';
import { describeError } from '../../core/api-error';
import { NotificationsService } from '../../core/notifications.service';
import { ExchangesService } from '../../data/exchanges.service';
import { isFinished } from '../../data/imports.service';
import { confirmAction } from '../../shared/confirm.dialog';
import { current } from '../../shared/resource';
import { ConnectExchangeDialog, type ConnectExchangeData } from './connect-exchange.dialog';
import { balancesSummary, exchangeLabel, keyHintText } from './exchange-labels';
import { SyncResultComponent } from './sync-result.component';

interface SyncState {
  readonly connectionId: string;
  readonly exchange: string;
  readonly accountName: string;
  /** Null until the API has queued the sync. */
  readonly batch: ImportBatchView | null;
  readonly error: string | null;
}

/**
 * A client's exchange API connections: exchange, account, the last 4 characters of the key (nothing more is ever
 * shown), last sync and error, balances. Those who may import connect, sync (followed like an upload) and remove.
 */
@Component({
  selector: 'll-exchange-connections',
  imports: [DatePipe, MatButtonModule, MatTableModule, SyncResultComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section aria-labelledby="exchange-connections-title">
      <h2 id="exchange-connections-title">Exchange connections</h2>
      @if (list(); as list) {
        @if (list.length) {
          <div class="scroll">
          <table mat-table [dataSource]="list" aria-label="Exchange connections">
            <ng-container matColumnDef="exchange">
              <th mat-header-cell *matHeaderCellDef>Exchange</th>
              <td mat-cell *matCellDef="let c">{{ label(c.exchange) }}</td>
            </ng-container>
            <ng-container matColumnDef="account">
              <th mat-header-cell *matHeaderCellDef>Account</th>
              <td mat-cell *matCellDef="let c">{{ c.accountName }}</td>
            </ng-container>
            <ng-container matColumnDef="key">
              <th mat-header-cell *matHeaderCellDef>API key</th>
              <td mat-cell *matCellDef="let c" class="key" [attr.aria-label]="'Key ending in ' + c.keyHint">{{ hint(c) }}</td>
            </ng-container>
            <ng-container matColumnDef="synced">
              <th mat-header-cell *matHeaderCellDef>Last sync</th>
              <td mat-cell *matCellDef="let c">{{ c.lastSyncedAt ? (c.lastSyncedAt | date: 'short') : 'Never' }}</td>
            </ng-container>
            <ng-container matColumnDef="error">
              <th mat-header-cell *matHeaderCellDef>Last error</th>
              <td mat-cell *matCellDef="let c" [class.error]="c.lastError">{{ c.lastError ?? '—' }}</td>
            </ng-container>
            <ng-container matColumnDef="balances">
              <th mat-header-cell *matHeaderCellDef>Balances</th>
              <td mat-cell *matCellDef="let c">{{ balances(c) }}</td>
            </ng-container>
            <ng-container matColumnDef="actions">
              <th mat-header-cell *matHeaderCellDef><span class="visually-hidden">Actions</span></th>
              <td mat-cell *matCellDef="let c" class="actions">
                <button mat-button type="button" (click)="syncNow(c)" [disabled]="following() || removing() === c.id" [attr.aria-label]="'Sync ' + c.accountName + ' now'">Sync now</button>
                <button mat-button type="button" (click)="remove(c)" [disabled]="removing() === c.id || (following() && sync()?.connectionId === c.id)" [attr.aria-label]="'Remove the connection of ' + c.accountName">Remove</button>
              </td>
            </ng-container>
            <tr mat-header-row *matHeaderRowDef="columns()"></tr>
            <tr mat-row *matRowDef="let row; columns: columns()" data-testid="exchange-connection-row"></tr>
          </table>
          </div>
        } @else {
          <p>No exchange connected. Connecting an exchange with a read-only API key imports its history without CSV files.</p>
        }
      } @else if (connections.error()) {
        <p role="alert">The exchange connections could not be loaded.</p>
      } @else {
        <p>Loading exchange connections…</p>
      }
      @if (canImport()) { <button mat-stroked-button type="button" (click)="connect()">Connect an exchange</button> }
      @if (sync(); as s) { <ll-sync-result [batch]="s.batch" [exchange]="label(s.exchange)" [accountName]="s.accountName" [error]="s.error" /> }
    </section>
  `,
  styles: `
    .scroll { overflow-x: auto; }
    .key { font-family: monospace; white-space: nowrap; }
    .error { color: var(--mat-sys-error); }
    .actions { display: flex; flex-wrap: wrap; gap: 4px; }
    table { margin-bottom: 8px; }
    .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  `,
})
export class ExchangeConnectionsComponent {
  private readonly exchanges = inject(ExchangesService);
  private readonly dialog = inject(MatDialog);
  private readonly notifications = inject(NotificationsService);
  private readonly destroyRef = inject(DestroyRef);
  readonly clientId = input.required<string>();
  /** Whether the signed-in user may connect, sync and remove (the API checks it again); others only see the table. */
  readonly canImport = input(true);
  /** The client's accounts, for connecting an existing exchange account. */
  readonly accounts = input<readonly Account[]>([]);
  /** Accounts or transactions changed (a new account, a finished sync): the parent reloads them. */
  readonly changed = output<void>();

  protected readonly connections = rxResource({ params: () => this.clientId(), stream: ({ params }) => this.exchanges.connections(params) });
  protected readonly list = current(this.connections);
  protected readonly columns = computed(() => ['exchange', 'account', 'key', 'synced', 'error', 'balances', ...(this.canImport() ? ['actions'] : [])]);
  protected readonly sync = signal<SyncState | null>(null);
  protected readonly following = signal(false);
  protected readonly removing = signal<string | null>(null);
  private polling: Subscription | null = null;

  protected label(id: string): string {
    return exchangeLabel(id);
  }

  protected hint(c: ExchangeConnectionView): string {
    return keyHintText(c);
  }

  protected balances(c: ExchangeConnectionView): string {
    return balancesSummary(c.balances);
  }

  protected connect(): void {
    const data: ConnectExchangeData = { clientId: this.clientId(), accounts: this.accounts(), connectedAccountIds: (this.list() ?? []).map((c) => c.accountId) };
    this.dialog
      .open<ConnectExchangeDialog, ConnectExchangeData, ExchangeConnectionView>(ConnectExchangeDialog, { data })
      .afterClosed()
      .subscribe((c) => {
        if (!c) return;
        this.connections.update((list) => [...(list ?? []).filter((x) => x.id !== c.id), c]);
        this.changed.emit();
        this.notifications.info(`${exchangeLabel(c.exchange)} connected to "${c.accountName}". Use "Sync now" to import its history.`);
      });
  }

  protected syncNow(c: ExchangeConnectionView): void {
    this.polling?.unsubscribe();
    this.sync.set({ connectionId: c.id, exchange: c.exchange, accountName: c.accountName, batch: null, error: null });
    this.following.set(true);
    this.polling = this.exchanges
      .syncAndWatch(this.clientId(), c.id)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (b) => {
          this.patchSync(c.id, { batch: b });
          if (isFinished(b)) this.finished(c.id, b);
        },
        error: (e: unknown) => {
          this.following.set(false);
          this.patchSync(c.id, { error: describeError(e) });
        },
      });
  }

  protected remove(c: ExchangeConnectionView): void {
    const name = exchangeLabel(c.exchange);
    confirmAction(this.dialog, {
      title: `Remove the ${name} connection?`,
      message: `Lotline deletes the key ending in ${c.keyHint} at once and stops syncing "${c.accountName}". Transactions already imported stay. Delete the key on ${name} too.`,
      confirm: 'Remove',
    }).subscribe((ok) => {
      if (!ok) return;
      this.removing.set(c.id);
      this.exchanges.remove(this.clientId(), c.id).subscribe({
        next: () => {
          this.removing.set(null);
          this.connections.update((list) => (list ?? []).filter((x) => x.id !== c.id));
          if (this.sync()?.connectionId === c.id && !this.following()) this.sync.set(null);
          this.notifications.info(`The ${name} connection of "${c.accountName}" was removed.`);
        },
        error: (e: unknown) => {
          this.removing.set(null);
          this.notifications.error(describeError(e));
        },
      });
    });
  }

  /** Last sync, error and balances changed; a failure's reason is the connection's last error. */
  private finished(connectionId: string, b: ImportBatchView): void {
    this.following.set(false);
    this.changed.emit();
    this.exchanges.connections(this.clientId()).subscribe({
      next: (list) => {
        this.connections.set(list);
        if (b.status === 'failed') this.patchSync(connectionId, { error: list.find((c) => c.id === connectionId)?.lastError ?? 'The exchange did not answer as expected. Try again later.' });
      },
      error: () => {
        if (b.status === 'failed') this.patchSync(connectionId, { error: 'The exchange did not answer as expected. Try again later.' });
      },
    });
  }

  private patchSync(connectionId: string, patch: Partial<Pick<SyncState, 'batch' | 'error'>>): void {
    this.sync.update((s) => (s && s.connectionId === connectionId ? { ...s, ...patch } : s));
  }
}
