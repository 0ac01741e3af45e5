import { TestBed } from '@angular/core/testing';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideRouter } from '@angular/router';
import { App } from './app';
import { SessionService } from './core/session.service';
import { NotificationsService } from './core/notifications.service';

describe('App shell', () => {
  beforeEach(async () => {
    await TestBed.configureTestingModule({
      imports: [App],
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
    }).compileComponents();
  });

  function render() {
    const fixture = TestBed.createComponent(App);
    fixture.detectChanges();
    return fixture;
  }

  it('offers sign-in and hides the staff navigation when nobody is signed in', () => {
    const el = render().nativeElement as HTMLElement;
    expect(el.textContent).toContain('Sign in');
    expect(el.querySelector('nav')?.textContent).not.toContain('Clients');
  });

  it('shows the navigation and the user once signed in', async () => {
    TestBed.inject(SessionService).user.set({ id: 'u1', displayName: 'Dana Admin', role: 'firm_admin', firmName: 'Demo CPA Firm' });
    const fixture = render();
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('nav')?.textContent).toContain('Clients');
    expect(el.textContent).toContain('Dana Admin · Demo CPA Firm');
  });

  it('shows the demo banner and version from /api/meta', async () => {
    const fixture = render();
    TestBed.inject(HttpTestingController).expectOne('/api/meta').flush({ product: 'Lotline', version: '9.9.9', demo: true, paymentsEnabled: false, smtpEnabled: false });
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.textContent).toContain('Demo installation');
    expect(el.querySelector('footer')?.textContent).toContain('9.9.9');
  });

  it('shows notices and lets the user dismiss them', async () => {
    const fixture = render();
    TestBed.inject(NotificationsService).error('Import failed: line 3');
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('[role=alert]')?.textContent).toContain('Import failed: line 3');
    (el.querySelector('[role=alert] button') as HTMLButtonElement).click();
    await fixture.whenStable();
    expect(el.querySelector('[role=alert]')).toBeNull();
  });
});
