import { Body, Controller, Get, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { ItemQuestion } from '@equipole/shared';
import { Actor, type AuthUser, Public } from '../auth/auth-user';
import { QuestionsDto } from './dto/questions.dto';
import { QuestionsService } from './questions.service';

@ApiTags('bookings')
@Controller()
export class QuestionsController {
  constructor(private readonly questions: QuestionsService) {}

  /** The questions a booking request for this item answers (public, as the item's page is). */
  @Public()
  @Get('resources/:id/questions')
  list(@Param('id', ParseUUIDPipe) id: string): Promise<ItemQuestion[]> {
    return this.questions.list(id);
  }

  @Put('resources/:id/questions')
  replace(@Actor() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: QuestionsDto): Promise<ItemQuestion[]> {
    return this.questions.replace(user, id, dto);
  }
}
