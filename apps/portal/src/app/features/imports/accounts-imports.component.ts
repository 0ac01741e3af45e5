import { DatePipe, DecimalPipe } from '@angular/common';
import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, DestroyRef, ElementRef, effect, inject, input, signal, viewChild } from '@angular/core';
import { rxResource, takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import type { Account, ImportBatchView } from '@lotline/contracts';
import { Subscription } from 'rxjs';
import { describeError } from '../../core/api-error';
import { NotificationsService } from '../../core/notifications.service';
import { ImportsService, isFinished } from '../../data/imports.service';
import { current } from '../../shared/resource';
import { AddAccountDialog, type AddAccountData } from './add-account.dialog';
import { ExchangeConnectionsComponent } from './exchange-connections.component';
import { ACCOUNT_KIND_LABELS, GENERIC_TEMPLATE_URL, IMPORT_FORMATS, IMPORT_STATUS_LABELS, formatLabel } from './import-labels';
import { ImportResultComponent } from './import-result.component';

const TOO_LARGE =
  'This file is larger than this Lotline accepts (200 MB unless configured otherwise). Split it into smaller files, for example one per year, and upload them one by one.';

/**
 * "Accounts & imports" of one client, for the client's workspace and the staff's client profile: the accounts, the
 * exchange API connections, a CSV upload (drop zone or file picker, account, optional format) followed until it
 * finishes, and the import history.
 */
@Component({
  selector: 'll-accounts-imports',
  imports: [DatePipe, DecimalPipe, MatButtonModule, MatFormFieldModule, MatSelectModule, MatTableModule, ExchangeConnectionsComponent, ImportResultComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section aria-labelledby="accounts-title">
      <h2 id="accounts-title">Accounts</h2>
      @if (accountList(); as list) {
        @if (list.length) {
          <table mat-table [dataSource]="list" aria-label="Accounts">
            <ng-container matColumnDef="name">
              <th mat-header-cell *matHeaderCellDef>Name</th>
              <td mat-cell *matCellDef="let a">{{ a.name }}</td>
            </ng-container>
            <ng-container matColumnDef="kind">
              <th mat-header-cell *matHeaderCellDef>Kind</th>
              <td mat-cell *matCellDef="let a">{{ kindLabel(a) }}@if (a.exchange) { ({{ a.exchange }})}</td>
            </ng-container>
            <ng-container matColumnDef="events">
              <th mat-header-cell *matHeaderCellDef>Transactions</th>
              <td mat-cell *matCellDef="let a">{{ a.eventCount | number }}</td>
            </ng-container>
            <tr mat-header-row *matHeaderRowDef="accountColumns"></tr>
            <tr mat-row *matRowDef="let row; columns: accountColumns"></tr>
          </table>
        } @else {
          <p>No accounts yet. Add one for each exchange account or wallet, then upload its transaction export.</p>
        }
      } @else if (accounts.error()) {
        <p role="alert">The accounts could not be loaded.</p>
      } @else {
        <p>Loading accounts…</p>
      }
      @if (canImport()) { <button mat-stroked-button type="button" (click)="addAccount()">Add account</button> }
    </section>

    <ll-exchange-connections [clientId]="clientId()" [canImport]="canImport()" [accounts]="accountList() ?? []" (changed)="reload()" />

    @if (canImport()) {
      <section aria-labelledby="upload-csv-title">
        <h2 id="upload-csv-title">Upload a CSV file</h2>
        <p>
          Export the transaction history from your exchange as CSV and upload it here; the format is recognised from its
          columns. No export? Fill in the <a [href]="templateUrl" download data-testid="template-link">Lotline generic CSV template</a>.
        </p>
        <div class="drop" [class.over]="dragOver()" data-testid="drop-zone" (dragover)="onDragOver($event)" (dragleave)="dragOver.set(false)" (drop)="onDrop($event)">
          <p>Drop a CSV file here, or</p>
          <label class="picker">
            <span>Choose a CSV file</span>
            <input #picker type="file" accept=".csv,.txt,text/csv" (change)="onPick($event)" />
          </label>
          @if (file(); as f) { <p data-testid="chosen-file">Ready to upload: <strong>{{ f.name }}</strong> ({{ f.size | number }} bytes)</p> }
        </div>
        <div class="row">
          <mat-form-field>
            <mat-label>Account</mat-label>
            <mat-select [value]="accountId()" (valueChange)="accountId.set($event)">
              @for (a of accountList() ?? []; track a.id) { <mat-option [value]="a.id">{{ a.name }}</mat-option> }
            </mat-select>
            @if (!accountList()?.length) { <mat-hint>Add an account first.</mat-hint> }
          </mat-form-field>
          <mat-form-field class="wide">
            <mat-label>Format</mat-label>
            <mat-select [value]="format()" (valueChange)="format.set($event)">
              <mat-option value="">Detect automatically</mat-option>
              @for (f of formats; track f.id) { <mat-option [value]="f.id">{{ f.label }}</mat-option> }
            </mat-select>
          </mat-form-field>
          <button mat-flat-button type="button" (click)="upload()" [disabled]="!file() || !accountId() || uploading()">Upload</button>
        </div>
        @if (uploadError(); as e) { <p role="alert" class="error">{{ e }}</p> }
      </section>
    }

    @if (shown(); as b) { <ll-import-result [batch]="b" /> }

    <section aria-labelledby="history-title">
      <h2 id="history-title">Import history</h2>
      @if (batchList(); as list) {
        @if (list.length) {
          <div class="scroll">
          <table mat-table [dataSource]="list" aria-label="Import history">
            <ng-container matColumnDef="when">
              <th mat-header-cell *matHeaderCellDef>Uploaded</th>
              <td mat-cell *matCellDef="let b">{{ b.createdAt | date: 'short' }}</td>
            </ng-container>
            <ng-container matColumnDef="file">
              <th mat-header-cell *matHeaderCellDef>File</th>
              <td mat-cell *matCellDef="let b">{{ b.fileName ?? 'Exchange API sync' }}</td>
            </ng-container>
            <ng-container matColumnDef="account">
              <th mat-header-cell *matHeaderCellDef>Account</th>
              <td mat-cell *matCellDef="let b">{{ b.accountName }}</td>
            </ng-container>
            <ng-container matColumnDef="format">
              <th mat-header-cell *matHeaderCellDef>Format</th>
              <td mat-cell *matCellDef="let b">{{ formatName(b.format) }}</td>
            </ng-container>
            <ng-container matColumnDef="status">
              <th mat-header-cell *matHeaderCellDef>Status</th>
              <td mat-cell *matCellDef="let b">{{ statusLabel(b) }}</td>
            </ng-container>
            <ng-container matColumnDef="rows">
              <th mat-header-cell *matHeaderCellDef>Rows</th>
              <td mat-cell *matCellDef="let b">{{ b.rowsTotal ?? b.rowsDone | number }}</td>
            </ng-container>
            <ng-container matColumnDef="added">
              <th mat-header-cell *matHeaderCellDef>New</th>
              <td mat-cell *matCellDef="let b">{{ b.eventsAdded | number }}</td>
            </ng-container>
            <ng-container matColumnDef="duplicates">
              <th mat-header-cell *matHeaderCellDef>Already imported</th>
              <td mat-cell *matCellDef="let b">{{ b.duplicatesSkipped | number }}</td>
            </ng-container>
            <ng-container matColumnDef="formLines">
              <th mat-header-cell *matHeaderCellDef>1099-DA lines</th>
              <td mat-cell *matCellDef="let b">{{ b.formLinesAdded | number }}</td>
            </ng-container>
            <ng-container matColumnDef="issues">
              <th mat-header-cell *matHeaderCellDef>Problems</th>
              <td mat-cell *matCellDef="let b">{{ b.issueCount | number }}</td>
            </ng-container>
            <ng-container matColumnDef="actions">
              <th mat-header-cell *matHeaderCellDef><span class="visually-hidden">Actions</span></th>
              <td mat-cell *matCellDef="let b" class="actions">
                @if (b.issueCount > 0) {
                  <button mat-button type="button" (click)="show(b)" [disabled]="following()" [attr.aria-label]="'Show problems in ' + (b.fileName ?? 'this upload')">Show problems</button>
                }
                @if (b.fileSha256) {
                  <button mat-button type="button" (click)="download(b)" [disabled]="downloading() === b.id" [attr.aria-label]="'Download original ' + (b.fileName ?? 'file')">Download original</button>
                }
              </td>
            </ng-container>
            <tr mat-header-row *matHeaderRowDef="batchColumns"></tr>
            <tr mat-row *matRowDef="let row; columns: batchColumns" data-testid="import-history-row"></tr>
          </table>
          </div>
        } @else {
          <p>No files uploaded yet.</p>
        }
      } @else if (batches.error()) {
        <p role="alert">The import history could not be loaded.</p>
      } @else {
        <p>Loading history…</p>
      }
    </section>
  `,
  styles: `
    .drop { border: 2px dashed var(--mat-sys-outline); border-radius: 8px; padding: 16px; margin-bottom: 12px; text-align: center; }
    .drop.over { border-color: var(--mat-sys-primary); background: var(--mat-sys-surface-container); }
    .picker { display: inline-flex; flex-direction: column; gap: 4px; align-items: center; }
    .row { display: flex; gap: 12px; align-items: baseline; flex-wrap: wrap; }
    .wide { min-width: 280px; }
    .error { color: var(--mat-sys-error); }
    .actions { display: flex; flex-wrap: wrap; gap: 4px; }
    .scroll { overflow-x: auto; }
    table { margin-bottom: 8px; }
    .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  `,
})
export class AccountsImportsComponent {
  private readonly imports = inject(ImportsService);
  private readonly dialog = inject(MatDialog);
  private readonly notifications = inject(NotificationsService);
  private readonly destroyRef = inject(DestroyRef);
  readonly clientId = input.required<string>();
  /** Whether the signed-in user may add accounts and upload for this client (the API checks it again). */
  readonly canImport = input(true);

  protected readonly formats = IMPORT_FORMATS;
  protected readonly templateUrl = GENERIC_TEMPLATE_URL;
  protected readonly accountColumns = ['name', 'kind', 'events'];
  protected readonly batchColumns = ['when', 'file', 'account', 'format', 'status', 'rows', 'added', 'duplicates', 'formLines', 'issues', 'actions'];

  protected readonly accounts = rxResource({ params: () => this.clientId(), stream: ({ params }) => this.imports.accounts(params) });
  protected readonly batches = rxResource({ params: () => this.clientId(), stream: ({ params }) => this.imports.batches(params) });
  protected readonly accountList = current(this.accounts);
  protected readonly batchList = current(this.batches);

  protected readonly file = signal<File | null>(null);
  protected readonly accountId = signal<string>('');
  protected readonly format = signal<string>('');
  protected readonly dragOver = signal(false);
  protected readonly uploading = signal(false);
  protected readonly uploadError = signal<string | null>(null);
  protected readonly downloading = signal<string | null>(null);
  /** The upload being followed, or a past batch whose problems were asked for. */
  protected readonly shown = signal<ImportBatchView | null>(null);
  /** An upload is being followed; its result keeps the panel until it finishes. */
  protected readonly following = signal(false);
  private readonly picker = viewChild<ElementRef<HTMLInputElement>>('picker');
  private polling: Subscription | null = null;

  constructor() {
    // With a single account there is nothing to choose.
    effect(() => {
      const list = this.accountList();
      if (list?.length === 1 && !this.accountId()) this.accountId.set(list[0].id);
    });
  }

  protected kindLabel(a: Account): string {
    return ACCOUNT_KIND_LABELS[a.kind];
  }

  protected statusLabel(b: ImportBatchView): string {
    return IMPORT_STATUS_LABELS[b.status];
  }

  protected formatName(id: string | null): string {
    return formatLabel(id);
  }

  protected addAccount(): void {
    this.dialog
      .open<AddAccountDialog, AddAccountData, Account>(AddAccountDialog, { data: { clientId: this.clientId() } })
      .afterClosed()
      .subscribe((a) => {
        if (!a) return;
        this.accounts.update((list) => [...(list ?? []), a]);
        this.accountId.set(a.id);
        this.notifications.info(`Account "${a.name}" added.`);
      });
  }

  protected onDragOver(e: DragEvent): void {
    e.preventDefault();
    this.dragOver.set(true);
  }

  protected onDrop(e: DragEvent): void {
    e.preventDefault();
    this.dragOver.set(false);
    const f = e.dataTransfer?.files?.[0];
    if (f) this.choose(f);
  }

  protected onPick(e: Event): void {
    const input = e.target as HTMLInputElement;
    const f = input.files?.[0];
    if (f) this.choose(f);
  }

  protected upload(): void {
    const file = this.file();
    const accountId = this.accountId();
    if (!file || !accountId) return;
    this.uploading.set(true);
    this.uploadError.set(null);
    this.polling?.unsubscribe();
    this.following.set(false);
    this.shown.set(null);
    this.imports.upload(this.clientId(), file, accountId, this.format() || undefined).subscribe({
      next: (batch) => {
        this.uploading.set(false);
        this.file.set(null);
        const picker = this.picker();
        if (picker) picker.nativeElement.value = ''; // picking the same (fixed) file again fires "change"
        this.follow(batch);
      },
      error: (e: unknown) => {
        this.uploading.set(false);
        this.uploadError.set(e instanceof HttpErrorResponse && e.status === 413 ? TOO_LARGE : describeError(e));
      },
    });
  }

  /** A past batch's problems: the history lists 20 per batch, the batch itself the first 1,000. */
  protected show(b: ImportBatchView): void {
    this.imports.batch(this.clientId(), b.id).subscribe((full) => this.shown.set(full));
  }

  protected async download(b: ImportBatchView): Promise<void> {
    this.downloading.set(b.id);
    try {
      const blob = await this.imports.originalFile(this.clientId(), b.id);
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = b.fileName ?? 'import.csv';
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) {
      this.notifications.error(e instanceof Error ? e.message : describeError(e));
    } finally {
      this.downloading.set(null);
    }
  }

  private choose(f: File): void {
    this.file.set(f);
    this.uploadError.set(null);
  }

  private follow(batch: ImportBatchView): void {
    this.shown.set(batch);
    this.batches.update((list) => [batch, ...(list ?? []).filter((b) => b.id !== batch.id)]);
    if (isFinished(batch)) return this.finished();
    this.following.set(true);
    this.polling = this.imports
      .watch(this.clientId(), batch.id)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (b) => {
          this.shown.set(b);
          if (isFinished(b)) this.finished();
        },
        error: () => {
          this.following.set(false);
          this.uploadError.set('Lotline lost track of this upload. Reload the page to see its result in the history.');
        },
      });
  }

  /** Event counts and the history changed. */
  private finished(): void {
    this.following.set(false);
    this.reload();
  }

  /** Accounts, event counts or the history changed (an upload or a sync finished, an account was added). */
  protected reload(): void {
    this.accounts.reload();
    this.batches.reload();
  }
}
