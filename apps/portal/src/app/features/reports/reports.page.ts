import { ChangeDetectionStrategy, Component } from '@angular/core';

@Component({
  selector: 'll-reports-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>Reports</h1>
    <p>Previews and final report sets.</p>
  `,
})
export class ReportsPage {}
