import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { ChangeRoleRequest, TeamMember } from '@lotline/contracts';
import { Observable } from 'rxjs';

/** Firm staff: list, change role, deactivate, reset 2FA (the last three: firm admin). */
@Injectable({ providedIn: 'root' })
export class TeamService {
  private readonly http = inject(HttpClient);

  list(): Observable<readonly TeamMember[]> {
    return this.http.get<readonly TeamMember[]>('/api/team');
  }

  changeRole(userId: string, role: ChangeRoleRequest['role']): Observable<TeamMember> {
    return this.http.patch<TeamMember>(`/api/team/${encodeURIComponent(userId)}`, { role } satisfies ChangeRoleRequest);
  }

  deactivate(userId: string): Observable<TeamMember> {
    return this.http.post<TeamMember>(`/api/team/${encodeURIComponent(userId)}/deactivate`, {});
  }

  resetTwoFactor(userId: string): Observable<TeamMember> {
    return this.http.post<TeamMember>(`/api/team/${encodeURIComponent(userId)}/reset-2fa`, {});
  }
}
