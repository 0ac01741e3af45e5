import { ChangeDetectionStrategy, Component } from '@angular/core';
import { WarningQueueComponent } from './warning-queue.component';

/** The firm-wide warning queue (firm admin: every client; preparer: assigned clients). */
@Component({
  selector: 'll-warnings-page',
  imports: [WarningQueueComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>Warnings</h1>
    <p>Open reconciliation items across your clients. A client is Ready when none of its blocking warnings are open.</p>
    <ll-warning-queue />
  `,
})
export class WarningsPage {}
