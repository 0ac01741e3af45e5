import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { AcceptInvitationRequest, CreateInvitationRequest, Invitation, InvitationPreview, InvitationWithLink, SessionResponse } from '@lotline/contracts';
import { Observable, tap } from 'rxjs';
import { SessionService } from '../core/session.service';

/** Invitations: create (link shown to copy), list, resend, revoke; the public preview and acceptance. */
@Injectable({ providedIn: 'root' })
export class InvitationsService {
  private readonly http = inject(HttpClient);
  private readonly session = inject(SessionService);

  create(body: CreateInvitationRequest): Observable<InvitationWithLink> {
    return this.http.post<InvitationWithLink>('/api/invitations', body);
  }

  list(): Observable<readonly Invitation[]> {
    return this.http.get<readonly Invitation[]>('/api/invitations');
  }

  resend(id: string): Observable<InvitationWithLink> {
    return this.http.post<InvitationWithLink>(`/api/invitations/${encodeURIComponent(id)}/resend`, {});
  }

  revoke(id: string): Observable<Invitation> {
    return this.http.post<Invitation>(`/api/invitations/${encodeURIComponent(id)}/revoke`, {});
  }

  preview(token: string): Observable<InvitationPreview> {
    return this.http.get<InvitationPreview>(`/api/invitations/preview/${encodeURIComponent(token)}`);
  }

  accept(body: AcceptInvitationRequest): Observable<SessionResponse> {
    return this.http.post<SessionResponse>('/api/invitations/accept', body, { withCredentials: true }).pipe(tap((s) => this.session.apply(s)));
  }
}
