import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsOptional, ValidateNested } from 'class-validator';
import { ParticipantsDto } from './booking.dto';

export class CheckInDto {
  @ApiPropertyOptional({ type: ParticipantsDto, description: 'Who came, by beneficiary type; the expected numbers when left out.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ParticipantsDto)
  participants?: ParticipantsDto;
}
