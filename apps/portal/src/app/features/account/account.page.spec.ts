import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { provideAppAbility } from '../../core/ability';
import { SessionService } from '../../core/session.service';
import { AccountPage, qrImageUrl } from './account.page';

describe('qrImageUrl', () => {
  it('turns our SVG into an image data URL (no markup enters the page)', () => {
    const url = qrImageUrl('<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>');
    expect(url).toMatch(/^data:image\/svg\+xml;charset=utf-8,%3Csvg/);
  });
  it('refuses anything that is not an SVG document', () => {
    expect(qrImageUrl('<script>alert(1)</script>')).toBeNull();
    expect(qrImageUrl('javascript:alert(1)')).toBeNull();
  });
});

describe('AccountPage two-factor enrolment', () => {
  it('shows the QR as an image and the secret, verifies, then shows the 10 recovery codes once', async () => {
    TestBed.configureTestingModule({ imports: [AccountPage], providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting(), provideAppAbility()] });
    const ctrl = TestBed.inject(HttpTestingController);
    const session = TestBed.inject(SessionService);
    session.apply({
      kind: 'session',
      accessToken: 't',
      accessTokenExpiresAt: '2030-01-01T00:00:00Z',
      user: { id: 'u', email: 'u@x.test', displayName: 'U', role: 'preparer', firmId: 'f', firmName: 'F', clientId: null, twoFactorEnabled: false },
    });
    const fixture = TestBed.createComponent(AccountPage);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    [...el.querySelectorAll('button')].find((b) => b.textContent?.includes('Set up two-factor'))?.click();
    ctrl.expectOne({ method: 'POST', url: '/api/auth/2fa/enrol' }).flush({ otpauthUri: 'otpauth://totp/x', qrSvg: '<svg xmlns="http://www.w3.org/2000/svg"></svg>', secret: 'JBSWY3DPEHPK3PXP' });
    await fixture.whenStable();
    const img = el.querySelector('img') as HTMLImageElement;
    expect(img.getAttribute('src')).toMatch(/^data:image\/svg\+xml/);
    expect(img.alt).toContain('QR code');
    expect(el.querySelector('svg')).toBeNull();
    expect(el.querySelector('[data-testid=totp-secret]')?.textContent).toBe('JBSWY3DPEHPK3PXP');

    const code = el.querySelector('input[autocomplete=one-time-code]') as HTMLInputElement;
    code.value = '654321';
    code.dispatchEvent(new Event('input'));
    [...el.querySelectorAll('form')].at(-1)?.dispatchEvent(new Event('submit'));
    const verify = ctrl.expectOne({ method: 'POST', url: '/api/auth/2fa/verify' });
    expect(verify.request.body).toEqual({ code: '654321' });
    verify.flush({ recoveryCodes: Array.from({ length: 10 }, (_, i) => `code-${i}`) });
    await fixture.whenStable();
    expect(el.querySelectorAll('[data-testid=recovery-codes] li')).toHaveLength(10);
    expect(session.user()?.twoFactorEnabled).toBe(true);
    [...el.querySelectorAll('button')].find((b) => b.textContent?.includes('I have saved them'))?.click();
    await fixture.whenStable();
    expect(el.querySelector('[data-testid=recovery-codes]')).toBeNull();
    expect(el.textContent).toContain('Two-factor authentication is on');
    ctrl.verify();
  });
});
