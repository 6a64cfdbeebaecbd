import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsEmail, IsIn, IsLatitude, IsLongitude, IsOptional, IsString, IsUrl, Matches, MaxLength, MinLength,
  registerDecorator, ValidationArguments,
} from 'class-validator';
import {
  COUNTRIES, isValidRegistrationNumber, MEMBERSHIP_ROLES, normaliseRegistrationNumber, ORGANISATION_KINDS,
  type Country, type MembershipRole, type OrganisationKind,
} from '@equipole/shared';
import { PageQuery, trimLower, trimToNull } from '../../common/dto';
import type { InvitationInput, OrganisationInput, OrganisationQuery } from '@equipole/shared';

/** Checks the number against the organisation's country (BE enterprise number or FR SIRET). */
function IsRegistrationNumber() {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isRegistrationNumber',
      target: object.constructor,
      propertyName,
      validator: {
        validate(value: unknown, args: ValidationArguments) {
          const country = (args.object as { country?: Country }).country ?? 'BE';
          return typeof value === 'string' && isValidRegistrationNumber(country, value);
        },
      },
    });
}

export class CreateOrganisationDto implements OrganisationInput {
  @ApiProperty({ enum: ORGANISATION_KINDS })
  @IsIn(ORGANISATION_KINDS)
  kind: OrganisationKind;

  @ApiProperty()
  @Transform(trimToNull)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiProperty({ enum: COUNTRIES })
  @IsIn(COUNTRIES)
  country: Country;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @MaxLength(300)
  address?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trimToNull)
  @Matches(/^\d{4,5}$/)
  postcode?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @MaxLength(100)
  city?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsLatitude()
  latitude?: number | null;

  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsLongitude()
  longitude?: number | null;

  @ApiPropertyOptional({ description: 'Belgian enterprise number or French SIRET.' })
  @IsOptional()
  @Transform(trimToNull)
  @IsRegistrationNumber()
  registrationNumber?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trimToNull)
  @IsEmail()
  @MaxLength(254)
  contactEmail?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trimToNull)
  @Matches(/^\+?[\d\s./()-]{6,30}$/)
  contactPhone?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trimToNull)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  @MaxLength(300)
  website?: string | null;
}

export class UpdateOrganisationDto extends PartialType(CreateOrganisationDto) {}

export class ListOrganisationsQuery extends PageQuery implements OrganisationQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  search?: string;

  @ApiPropertyOptional({ enum: ORGANISATION_KINDS })
  @IsOptional()
  @IsIn(ORGANISATION_KINDS)
  kind?: OrganisationKind;

  @ApiPropertyOptional({ enum: COUNTRIES })
  @IsOptional()
  @IsIn(COUNTRIES)
  country?: Country;
}

export class InviteMemberDto implements InvitationInput {
  @ApiProperty()
  @Transform(trimLower)
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty()
  @Transform(trimToNull)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiProperty({ enum: MEMBERSHIP_ROLES })
  @IsIn(MEMBERSHIP_ROLES)
  role: MembershipRole;
}

export class ChangeRoleDto {
  @ApiProperty({ enum: MEMBERSHIP_ROLES })
  @IsIn(MEMBERSHIP_ROLES)
  role: MembershipRole;
}

export function normalisedRegistration(dto: { registrationNumber?: string | null }): string | null | undefined {
  return dto.registrationNumber ? normaliseRegistrationNumber(dto.registrationNumber) : dto.registrationNumber;
}
