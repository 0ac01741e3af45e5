import { AuditEventEntity } from '../audit/audit-event.entity';
import { ClientEntity, ClientPreparerEntity } from '../clients/client.entity';
import { FirmEntity } from '../firms/firm.entity';
import { UserEntity } from '../firms/user.entity';

export const ENTITIES = [FirmEntity, UserEntity, ClientEntity, ClientPreparerEntity, AuditEventEntity];
