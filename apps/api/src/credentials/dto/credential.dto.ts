import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsDateString, IsEmail, IsOptional, IsString, MaxLength } from 'class-validator';
import { trimLower, trimToNull } from '../../common/dto';
import type { CredentialInput, GrantInput } from '@equipole/shared';

export class CreateCredentialDto implements CredentialInput {
  @ApiPropertyOptional({ example: 'Habilitation tour CNC' })
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @MaxLength(200)
  nameFr?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @MaxLength(200)
  nameNl?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @MaxLength(200)
  nameEn?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @MaxLength(2000)
  description?: string | null;
}

export class GrantCredentialDto implements GrantInput {
  @ApiProperty({ description: 'Email of the person (their account must exist).' })
  @Transform(trimLower)
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ format: 'date', description: 'Last day the credential is valid.' })
  @IsDateString({ strict: true })
  expiresOn: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @MaxLength(500)
  note?: string | null;
}
