import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsDateString, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { CLUSTER_STATUSES, SECTORS, type ClusterStatus, type Sector } from '@equipole/shared';
import { trimToNull } from '../../common/dto';
import type { ClusterInput } from '@equipole/shared';

export class CreateClusterDto implements ClusterInput {
  @ApiProperty()
  @Transform(trimToNull)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @MaxLength(4000)
  descriptionFr?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @MaxLength(4000)
  descriptionNl?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @MaxLength(4000)
  descriptionEn?: string | null;

  @ApiProperty({ enum: SECTORS })
  @IsIn(SECTORS)
  sector: Sector;

  @ApiPropertyOptional({ enum: CLUSTER_STATUSES, default: 'pilot' })
  @IsOptional()
  @IsIn(CLUSTER_STATUSES)
  status?: ClusterStatus;

  @ApiPropertyOptional({ format: 'date' })
  @IsOptional()
  @IsDateString({ strict: true })
  startDate?: string | null;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  leadOrganisationId?: string | null;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  occupationIds?: string[];

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  memberIds?: string[];

  @ApiPropertyOptional({ type: [String], description: 'Platform coordinators who follow this cluster.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  coordinatorIds?: string[];
}

export class UpdateClusterDto extends PartialType(CreateClusterDto) {}

export class AddClusterMemberDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  organisationId: string;
}
