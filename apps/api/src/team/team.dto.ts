import { IsIn } from 'class-validator';
import type { ChangeRoleRequest } from '@lotline/contracts';

export class ChangeRoleDto implements ChangeRoleRequest {
  @IsIn(['firm_admin', 'preparer']) role!: 'firm_admin' | 'preparer';
}
