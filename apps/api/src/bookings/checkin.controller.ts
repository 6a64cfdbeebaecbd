import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { BookingAlternatives, BookingView, CheckInView } from '@equipole/shared';
import { Actor, type AuthUser } from '../auth/auth-user';
import { AlternativesService } from './alternatives.service';
import { CheckInService } from './checkin.service';
import { CheckInDto } from './dto/checkin.dto';

@ApiTags('check-in')
@Controller()
export class CheckInController {
  constructor(
    private readonly checkIns: CheckInService,
    private readonly alternatives: AlternativesService,
  ) {}

  /** Offered to a booker whose booking was cancelled: equivalent items free at the same time, next free slots of the same item. */
  @Get('bookings/:id/alternatives')
  alternativesOf(@Actor() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<BookingAlternatives> {
    return this.alternatives.forBooking(user, id);
  }

  /** The page the item's QR label opens. */
  @Get('resources/:id/check-in')
  view(@Actor() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<CheckInView> {
    return this.checkIns.view(user, id);
  }

  @Post('bookings/:id/check-in')
  @HttpCode(HttpStatus.OK)
  checkIn(@Actor() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: CheckInDto): Promise<BookingView> {
    return this.checkIns.checkIn(user, id, dto);
  }

  @Post('bookings/:id/check-out')
  @HttpCode(HttpStatus.OK)
  checkOut(@Actor() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<BookingView> {
    return this.checkIns.checkOut(user, id);
  }
}
