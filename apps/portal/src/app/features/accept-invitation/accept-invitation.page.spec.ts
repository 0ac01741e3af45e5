import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import type { InvitationPreview, SessionResponse } from '@lotline/contracts';
import { provideAppAbility } from '../../core/ability';
import { SessionService } from '../../core/session.service';
import { AcceptInvitationPage } from './accept-invitation.page';

const preview: InvitationPreview = {
  firmName: 'Acme <b>CPA</b>',
  email: 'cli@x.test',
  displayName: 'Cli Ent',
  kind: 'client',
  consentText: 'I agree that Acme may read my data.',
  consentVersion: '2026-01',
};

const session: SessionResponse = {
  kind: 'session',
  accessToken: 'tok',
  accessTokenExpiresAt: '2030-01-01T00:00:00Z',
  user: { id: 'u', email: 'cli@x.test', displayName: 'Cli Ent', role: 'client', firmId: 'f', firmName: 'Acme', clientId: 'c1', twoFactorEnabled: false },
};

function type(el: HTMLElement, selector: string, value: string): void {
  const input = el.querySelector(selector) as HTMLInputElement;
  input.value = value;
  input.dispatchEvent(new Event('input'));
}

describe('AcceptInvitationPage', () => {
  it('shows the firm and the consent, requires the checkbox for a client, then signs in to the workspace', async () => {
    TestBed.configureTestingModule({ imports: [AcceptInvitationPage], providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting(), provideAppAbility()] });
    const ctrl = TestBed.inject(HttpTestingController);
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    const fixture = TestBed.createComponent(AcceptInvitationPage);
    fixture.componentRef.setInput('token', 'tok/en?1');
    fixture.detectChanges();
    ctrl.expectOne('/api/invitations/preview/tok%2Fen%3F1').flush(preview);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('[data-testid=invitation-firm]')?.textContent).toContain('Acme <b>CPA</b>');
    expect(el.querySelector('b')).toBeNull();
    expect(el.textContent).toContain('I agree that Acme may read my data.');
    expect((el.querySelector('input[autocomplete=name]') as HTMLInputElement).value).toBe('Cli Ent');

    type(el, 'input[formcontrolname=password]', 'a long enough password');
    type(el, 'input[formcontrolname=confirm]', 'a long enough password');
    await fixture.whenStable();
    const submit = el.querySelector('button[type=submit]') as HTMLButtonElement;
    expect(submit.disabled).toBe(true);
    (el.querySelector('input[type=checkbox]') as HTMLInputElement).click();
    await fixture.whenStable();
    expect(submit.disabled).toBe(false);
    submit.click();
    const accept = ctrl.expectOne({ method: 'POST', url: '/api/invitations/accept' });
    expect(accept.request.body).toEqual({ token: 'tok/en?1', password: 'a long enough password', displayName: 'Cli Ent', consent: true });
    accept.flush(session);
    expect(TestBed.inject(SessionService).role()).toBe('client');
    expect(navigate).toHaveBeenCalledWith('/workspace');
    ctrl.verify();
  });
});
