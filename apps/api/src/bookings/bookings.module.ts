import { Module } from '@nestjs/common';
import { BookingLifecycleService } from './booking-lifecycle.service';
import { BookingsController } from './bookings.controller';
import { BookingsService } from './bookings.service';
import { WaitlistService } from './waitlist.service';

@Module({ controllers: [BookingsController], providers: [BookingsService, BookingLifecycleService, WaitlistService], exports: [BookingsService, BookingLifecycleService] })
export class BookingsModule {}
