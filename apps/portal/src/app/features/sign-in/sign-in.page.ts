import { ChangeDetectionStrategy, Component } from '@angular/core';

@Component({
  selector: 'll-sign-in-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>Sign in</h1>
    <p>Sign-in for firm staff and clients arrives with the accounts feature.</p>
  `,
})
export class SignInPage {}
