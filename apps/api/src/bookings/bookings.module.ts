import { Module } from '@nestjs/common';
import { AlternativesService } from './alternatives.service';
import { BookingDisruptions } from './booking-disruptions.service';
import { BookingLifecycleService } from './booking-lifecycle.service';
import { BookingsController } from './bookings.controller';
import { BookingsService } from './bookings.service';
import { CheckInController } from './checkin.controller';
import { CheckInService } from './checkin.service';
import { WaitlistService } from './waitlist.service';

@Module({
  controllers: [BookingsController, CheckInController],
  providers: [BookingsService, BookingLifecycleService, WaitlistService, BookingDisruptions, CheckInService, AlternativesService],
  exports: [BookingsService, BookingLifecycleService, BookingDisruptions, CheckInService],
})
export class BookingsModule {}
