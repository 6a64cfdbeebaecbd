import { ApiProperty } from '@nestjs/swagger';
import type { CloseAccountRequest } from '@equipole/shared';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { PASSWORD_MAX } from '../../auth/dto/auth.dto';

export class CloseAccountDto implements CloseAccountRequest {
  @ApiProperty({ description: 'The account’s current password, to confirm.' })
  @IsString()
  @MinLength(1)
  @MaxLength(PASSWORD_MAX)
  password: string;
}
