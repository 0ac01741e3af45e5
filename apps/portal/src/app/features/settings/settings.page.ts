import { ChangeDetectionStrategy, Component } from '@angular/core';

@Component({
  selector: 'll-settings-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>Settings</h1>
    <p>Firm settings: cost-basis method, pricing and who pays.</p>
  `,
})
export class SettingsPage {}
