import { ChangeDetectionStrategy, Component } from '@angular/core';

@Component({
  selector: 'll-clients-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>Clients</h1>
    <p>The firm's clients, their status for the tax year and open warnings.</p>
  `,
})
export class ClientsPage {}
