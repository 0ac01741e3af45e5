import { ChangeDetectionStrategy, Component } from '@angular/core';

@Component({
  selector: 'll-not-found-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>Page not found</h1>
    <p>There is nothing at this address.</p>
  `,
})
export class NotFoundPage {}
