import { Module } from '@nestjs/common';
import { AlternativesService } from './alternatives.service';
import { BookingAudit } from './booking-audit.service';
import { BookingCalendar } from './booking-calendar.service';
import { BookingDisruptions } from './booking-disruptions.service';
import { BookingLifecycleService } from './booking-lifecycle.service';
import { BookingsController } from './bookings.controller';
import { BookingViews } from './booking-views.service';
import { BookingsRepository } from './bookings.repository';
import { BookingsService } from './bookings.service';
import { CheckInController } from './checkin.controller';
import { CheckInRepository } from './checkin.repository';
import { CheckInService } from './checkin.service';
import { QuestionsController } from './questions.controller';
import { QuestionsRepository } from './questions.repository';
import { QuestionsService } from './questions.service';
import { WaitlistRepository } from './waitlist.repository';
import { WaitlistService } from './waitlist.service';

@Module({
  controllers: [BookingsController, CheckInController, QuestionsController],
  providers: [
    BookingsRepository, WaitlistRepository, CheckInRepository, QuestionsRepository, BookingAudit, QuestionsService,
    BookingsService, BookingViews, BookingCalendar, BookingLifecycleService, WaitlistService, BookingDisruptions, CheckInService, AlternativesService,
  ],
  exports: [QuestionsService, BookingsService, BookingLifecycleService, BookingDisruptions, CheckInService],
})
export class BookingsModule {}
