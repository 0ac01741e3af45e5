import { Injectable } from '@nestjs/common';
import { subject } from '@casl/ability';
import type { EntityManager } from 'typeorm';
import { defineAbilityFor, type Action } from '@lotline/authz';
import type { Actor } from '@lotline/authz';
import { idOrNotFound, notFound } from '../common/ids';
import { ClientRepository, type ClientAccessRow } from './client.repository';

/**
 * The record-level check (the second wall after the route guard): the client must belong to the actor's firm and the
 * ability must allow `action` on that record (assignment for preparers, own record for clients). Anything else is
 * 404 NOT_FOUND, never 403: foreign and unassigned ids are indistinguishable from ids that do not exist.
 */
@Injectable()
export class ClientAccess {
  constructor(private readonly clients: ClientRepository) {}

  async require(actor: Actor, id: string, action: Action, m?: EntityManager): Promise<ClientAccessRow> {
    const row = await this.clients.findForAccess(actor.firmId, idOrNotFound(id), m);
    if (!row || !defineAbilityFor(actor).can(action, subject('Client', { ...row }) as never)) throw notFound();
    return row;
  }
}
