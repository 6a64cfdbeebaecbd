import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Query, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AvailabilityView, BookingView, Page, SeriesResult, WaitlistEntry } from '@equipole/shared';
import type { Request } from 'express';
import { Actor, type AuthUser, Public } from '../auth/auth-user';
import { BookingCalendar, type CalendarEntry } from './booking-calendar.service';
import { BookingLifecycleService } from './booking-lifecycle.service';
import { BookingViews } from './booking-views.service';
import type { BookingEventRow } from './bookings.repository';
import { BookingsService } from './bookings.service';
import { CreateBookingDto, CreateSeriesDto, RangeQuery, ReasonDto, RescheduleDto } from './dto/booking.dto';
import { AttendanceDto, DeclineDto, ListBookingsQuery } from './dto/lifecycle.dto';
import { WaitlistService } from './waitlist.service';

@ApiTags('bookings')
@Controller()
export class BookingsController {
  constructor(
    private readonly bookings: BookingsService,
    private readonly views: BookingViews,
    private readonly calendars: BookingCalendar,
    private readonly lifecycle: BookingLifecycleService,
    private readonly waitlist: WaitlistService,
  ) {}

  @Post('waitlist')
  joinWaitlist(@Actor() user: AuthUser, @Body() dto: CreateBookingDto): Promise<WaitlistEntry> {
    return this.waitlist.join(user, dto);
  }

  @Get('waitlist')
  myWaitlist(@Actor() user: AuthUser): Promise<WaitlistEntry[]> {
    return this.waitlist.mine(user);
  }

  @Delete('waitlist/:id')
  @HttpCode(HttpStatus.NO_CONTENT)
  leaveWaitlist(@Actor() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.waitlist.leave(user, id);
  }

  @Post('bookings')
  create(@Actor() user: AuthUser, @Body() dto: CreateBookingDto): Promise<BookingView> {
    return this.bookings.create(user, dto);
  }

  @Post('bookings/series')
  createSeries(@Actor() user: AuthUser, @Body() dto: CreateSeriesDto): Promise<SeriesResult> {
    return this.bookings.createSeries(user, dto);
  }

  @Get('bookings')
  list(@Actor() user: AuthUser, @Query() query: ListBookingsQuery): Promise<Page<BookingView>> {
    return this.views.list(user, query);
  }

  @Get('bookings/:id')
  get(@Actor() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<BookingView> {
    return this.views.get(user, id);
  }

  @Get('bookings/:id/events')
  events(@Actor() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<BookingEventRow[]> {
    return this.views.events(user, id);
  }

  @Post('bookings/:id/approve')
  @HttpCode(HttpStatus.OK)
  approve(@Actor() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ReasonDto): Promise<BookingView> {
    return this.lifecycle.approve(user, id, dto.reason);
  }

  @Post('bookings/:id/decline')
  @HttpCode(HttpStatus.OK)
  decline(@Actor() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: DeclineDto): Promise<BookingView> {
    return this.lifecycle.decline(user, id, dto.reason);
  }

  @Post('bookings/:id/cancel')
  @HttpCode(HttpStatus.OK)
  cancel(@Actor() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ReasonDto): Promise<BookingView> {
    return this.lifecycle.cancel(user, id, dto.reason);
  }

  @Post('bookings/:id/cancel-series')
  @HttpCode(HttpStatus.OK)
  cancelSeries(@Actor() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ReasonDto): Promise<{ cancelled: number }> {
    return this.lifecycle.cancelSeriesFrom(user, id, dto.reason);
  }

  @Post('bookings/:id/reschedule')
  @HttpCode(HttpStatus.OK)
  reschedule(@Actor() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: RescheduleDto): Promise<BookingView> {
    return this.lifecycle.reschedule(user, id, dto);
  }

  @Post('bookings/:id/attendance')
  @HttpCode(HttpStatus.OK)
  attendance(@Actor() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: AttendanceDto): Promise<BookingView> {
    return this.lifecycle.recordAttendance(user, id, dto);
  }

  @Post('bookings/:id/no-show')
  @HttpCode(HttpStatus.OK)
  noShow(@Actor() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<BookingView> {
    return this.lifecycle.markNoShow(user, id);
  }

  @Public()
  @Get('resources/:id/availability')
  availability(@Param('id', ParseUUIDPipe) id: string, @Query() range: RangeQuery): Promise<AvailabilityView> {
    return this.calendars.availability(id, range);
  }

  @Public()
  @Get('resources/:id/calendar')
  calendar(@Req() request: Request & { user?: AuthUser }, @Param('id', ParseUUIDPipe) id: string, @Query() range: RangeQuery): Promise<CalendarEntry[]> {
    return this.calendars.calendar(request.user, id, range);
  }
}
