import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { ClientsModule } from '../clients/clients.module';
import { FirmsModule } from '../firms/firms.module';
import { InvitationRepository } from './invitation.repository';
import { InvitationsController } from './invitations.controller';
import { InvitationsService } from './invitations.service';
import { Mailer } from './mailer';

@Module({
  imports: [AuthModule, ClientsModule, FirmsModule],
  controllers: [InvitationsController],
  providers: [InvitationRepository, InvitationsService, Mailer],
})
export class InvitationsModule {}
