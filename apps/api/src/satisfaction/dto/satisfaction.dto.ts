import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsDateString, IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { trimToNull } from '../../common/dto';

const score = () => (target: object, key: string) => {
  IsOptional()(target, key);
  Type(() => Number)(target, key);
  IsInt()(target, key);
  Min(1)(target, key);
  Max(5)(target, key);
};

export class RateDto {
  @ApiProperty({ enum: ['booking', 'registration'] })
  @IsIn(['booking', 'registration'])
  subject: 'booking' | 'registration';

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id: string;

  @ApiProperty({ enum: ['booker', 'partner'], description: 'booker: the booking organisation rates; partner: the owner rates the group’s preparation.' })
  @IsIn(['booker', 'partner'])
  rater: 'booker' | 'partner';

  @ApiPropertyOptional({ minimum: 1, maximum: 5 }) @score() equipmentCondition?: number;
  @ApiPropertyOptional({ minimum: 1, maximum: 5 }) @score() welcome?: number;
  @ApiPropertyOptional({ minimum: 1, maximum: 5 }) @score() relevance?: number;
  @ApiPropertyOptional({ minimum: 1, maximum: 5 }) @score() preparation?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @MaxLength(2000)
  comment?: string | null;
}

export class SatisfactionQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() clusterId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() organisationId?: string;
  @ApiPropertyOptional({ format: 'date' }) @IsOptional() @IsDateString({ strict: true }) from?: string;
  @ApiPropertyOptional({ format: 'date' }) @IsOptional() @IsDateString({ strict: true }) to?: string;
}
