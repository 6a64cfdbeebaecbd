import { Body, Controller, Get, HttpCode, HttpStatus, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { PendingRating, SatisfactionSummary } from '@equipole/shared';
import { Actor, type AuthUser } from '../auth/auth-user';
import { RateDto, SatisfactionQuery } from './dto/satisfaction.dto';
import { SatisfactionService } from './satisfaction.service';

@ApiTags('satisfaction')
@Controller('satisfaction')
export class SatisfactionController {
  constructor(private readonly satisfaction: SatisfactionService) {}

  /** What the caller's organisations may still rate (completed bookings, attended sessions). */
  @Get('pending')
  pending(@Actor() user: AuthUser): Promise<PendingRating[]> {
    return this.satisfaction.pending(user);
  }

  @Post()
  @HttpCode(HttpStatus.CREATED)
  rate(@Actor() user: AuthUser, @Body() dto: RateDto): Promise<void> {
    return this.satisfaction.rate(user, dto);
  }

  /** Averages and counts per cluster, partner and item; hidden below 3 answers. */
  @Get('summary')
  summary(@Actor() user: AuthUser, @Query() query: SatisfactionQuery): Promise<SatisfactionSummary> {
    return this.satisfaction.summary(user, query);
  }

  /** The comments about the caller's own organisations, for partners only. */
  @Get('comments')
  comments(@Actor() user: AuthUser) {
    return this.satisfaction.comments(user);
  }
}
