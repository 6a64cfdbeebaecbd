import { Module } from '@nestjs/common';
import { BookingDisruptions } from './booking-disruptions.service';
import { BookingLifecycleService } from './booking-lifecycle.service';
import { BookingsController } from './bookings.controller';
import { BookingsService } from './bookings.service';
import { WaitlistService } from './waitlist.service';

@Module({
  controllers: [BookingsController],
  providers: [BookingsService, BookingLifecycleService, WaitlistService, BookingDisruptions],
  exports: [BookingsService, BookingLifecycleService, BookingDisruptions],
})
export class BookingsModule {}
