import { ChangeDetectionStrategy, Component } from '@angular/core';

@Component({
  selector: 'll-warnings-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>Warnings</h1>
    <p>The reconciliation warning queue.</p>
  `,
})
export class WarningsPage {}
