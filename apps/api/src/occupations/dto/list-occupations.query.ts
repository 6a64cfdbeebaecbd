import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { SECTORS, type Sector } from '@equipole/shared';
import { PageQuery } from '../../common/dto';

export class ListOccupationsQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Words of the label in French, Dutch or English; accents and case are ignored.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  search?: string;

  @ApiPropertyOptional({ enum: SECTORS })
  @IsOptional()
  @IsIn(SECTORS)
  sector?: Sector;

  /** The whole catalogue (about 60 occupations) fits one page by default. */
  override limit = 100;
}
