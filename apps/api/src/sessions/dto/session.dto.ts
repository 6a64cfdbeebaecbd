import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize, IsArray, IsBoolean, IsDateString, IsEmail, IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength, ValidateNested,
} from 'class-validator';
import { BENEFICIARY_TYPES, ORGANISATION_KINDS, SESSION_KINDS, type BeneficiaryType, type OrganisationKind, type SessionKind } from '@equipole/shared';
import { trim, trimLower, trimToNull } from '../../common/dto';
import { ParticipantsDto } from '../../bookings/dto/booking.dto';
import type { AttendanceInput, ContactInput, RegistrationInput, SessionInput, SessionUpdate } from '@equipole/shared';

export class CreateSessionDto implements SessionInput {
  @ApiProperty({ enum: SESSION_KINDS })
  @IsIn(SESSION_KINDS)
  kind: SessionKind;

  @ApiProperty({ format: 'uuid', description: 'The host organisation (you manage it, or you coordinate).' })
  @IsUUID()
  organisationId: string;

  @ApiPropertyOptional() @IsOptional() @Transform(trimToNull) @IsString() @MaxLength(200) titleFr?: string | null;
  @ApiPropertyOptional() @IsOptional() @Transform(trimToNull) @IsString() @MaxLength(200) titleNl?: string | null;
  @ApiPropertyOptional() @IsOptional() @Transform(trimToNull) @IsString() @MaxLength(200) titleEn?: string | null;
  @ApiPropertyOptional() @IsOptional() @Transform(trimToNull) @IsString() @MaxLength(4000) descriptionFr?: string | null;
  @ApiPropertyOptional() @IsOptional() @Transform(trimToNull) @IsString() @MaxLength(4000) descriptionNl?: string | null;
  @ApiPropertyOptional() @IsOptional() @Transform(trimToNull) @IsString() @MaxLength(4000) descriptionEn?: string | null;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  clusterId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'On one of the host’s items: it is blocked like a booking.' })
  @IsOptional()
  @IsUUID()
  resourceId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'At one of the host’s sites (required without an item).' })
  @IsOptional()
  @IsUUID()
  siteId?: string;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  occupationIds: string[] = [];

  @ApiProperty({ format: 'date-time' })
  @IsDateString({ strict: true })
  start: string;

  @ApiProperty({ format: 'date-time' })
  @IsDateString({ strict: true })
  end: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Defaults to the start.' })
  @IsOptional()
  @IsDateString({ strict: true })
  registrationDeadline?: string;

  @ApiProperty({ minimum: 1, maximum: 1000 })
  @IsInt()
  @Min(1)
  @Max(1000)
  seats: number;

  @ApiPropertyOptional({ enum: ORGANISATION_KINDS, isArray: true, description: 'Empty: every kind.' })
  @IsOptional()
  @IsArray()
  @IsIn(ORGANISATION_KINDS, { each: true })
  audienceKinds: OrganisationKind[] = [];

  @ApiPropertyOptional({ enum: BENEFICIARY_TYPES, isArray: true, description: 'Empty: every beneficiary type.' })
  @IsOptional()
  @IsArray()
  @IsIn(BENEFICIARY_TYPES, { each: true })
  audienceBeneficiaries: BeneficiaryType[] = [];
}

export class UpdateSessionDto implements SessionUpdate {
  @ApiPropertyOptional() @IsOptional() @Transform(trimToNull) @IsString() @MaxLength(200) titleFr?: string | null;
  @ApiPropertyOptional() @IsOptional() @Transform(trimToNull) @IsString() @MaxLength(200) titleNl?: string | null;
  @ApiPropertyOptional() @IsOptional() @Transform(trimToNull) @IsString() @MaxLength(200) titleEn?: string | null;
  @ApiPropertyOptional() @IsOptional() @Transform(trimToNull) @IsString() @MaxLength(4000) descriptionFr?: string | null;
  @ApiPropertyOptional() @IsOptional() @Transform(trimToNull) @IsString() @MaxLength(4000) descriptionNl?: string | null;
  @ApiPropertyOptional() @IsOptional() @Transform(trimToNull) @IsString() @MaxLength(4000) descriptionEn?: string | null;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  occupationIds?: string[];

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsDateString({ strict: true })
  registrationDeadline?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 1000, description: 'Not below the seats registered groups hold.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  seats?: number;

  @ApiPropertyOptional({ enum: ORGANISATION_KINDS, isArray: true })
  @IsOptional()
  @IsArray()
  @IsIn(ORGANISATION_KINDS, { each: true })
  audienceKinds?: OrganisationKind[];

  @ApiPropertyOptional({ enum: BENEFICIARY_TYPES, isArray: true })
  @IsOptional()
  @IsArray()
  @IsIn(BENEFICIARY_TYPES, { each: true })
  audienceBeneficiaries?: BeneficiaryType[];
}

export class ListSessionsQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() clusterId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() resourceId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() organisationId?: string;

  @ApiPropertyOptional({ description: 'Past sessions too (default: upcoming only).' })
  @IsOptional()
  @Transform(({ value }) => value === true || value === 'true')
  @IsBoolean()
  past?: boolean;
}

export class ContactDto implements ContactInput {
  @ApiProperty() @Transform(trim) @IsString() @MinLength(1) @MaxLength(200) name: string;
  @ApiProperty() @Transform(trimLower) @IsEmail() @MaxLength(320) email: string;
  @ApiPropertyOptional() @IsOptional() @Transform(trimToNull) @IsString() @MaxLength(40) phone?: string | null;
}

export class RegisterGroupDto implements RegistrationInput {
  @ApiProperty({ format: 'uuid', description: 'The organisation registering (you belong to it).' })
  @IsUUID()
  organisationId: string;

  @ApiProperty({ type: ParticipantsDto })
  @ValidateNested()
  @Type(() => ParticipantsDto)
  group: ParticipantsDto;

  @ApiProperty({ type: ContactDto })
  @ValidateNested()
  @Type(() => ContactDto)
  contact: ContactDto;
}

export class AttendanceLineDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() registrationId: string;

  @ApiProperty({ type: ParticipantsDto })
  @ValidateNested()
  @Type(() => ParticipantsDto)
  attended: ParticipantsDto;
}

export class RecordAttendanceDto implements AttendanceInput {
  @ApiProperty({ type: [AttendanceLineDto] })
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => AttendanceLineDto)
  registrations: AttendanceLineDto[];
}
