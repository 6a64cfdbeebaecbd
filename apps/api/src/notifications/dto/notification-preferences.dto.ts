import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean } from 'class-validator';
import type { EmailPreferences } from '@equipole/shared';

/** Every optional email, on (true) or off; all four are required, so a PUT states the whole choice. */
export class EmailPreferencesDto implements EmailPreferences {
  @ApiProperty({ description: 'Requests, cancellations and moves on the equipment of organisations one manages.' })
  @IsBoolean()
  equipmentActivity!: boolean;

  @ApiProperty({ description: 'The reminder the day before one’s own bookings.' })
  @IsBoolean()
  reminders!: boolean;

  @ApiProperty({ description: 'The daily summary of pending requests (managers).' })
  @IsBoolean()
  digest!: boolean;

  @ApiProperty({ description: 'A freed slot booked from one’s waitlist entry.' })
  @IsBoolean()
  waitlist!: boolean;
}
