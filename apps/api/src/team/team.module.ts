import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { FirmsModule } from '../firms/firms.module';
import { TeamController } from './team.controller';
import { TeamService } from './team.service';

@Module({ imports: [AuthModule, FirmsModule], controllers: [TeamController], providers: [TeamService] })
export class TeamModule {}
