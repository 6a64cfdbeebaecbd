import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AffectedBookingsOutcome, ClosureView } from '@equipole/shared';
import { Actor, type AuthUser } from '../auth/auth-user';
import { ClosuresService } from './closures.service';
import { CreateClosureDto } from './dto/closure.dto';

@ApiTags('closures')
@Controller()
export class ClosuresController {
  constructor(private readonly closures: ClosuresService) {}

  @Post('resources/:id/closures')
  addToResource(@Actor() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: CreateClosureDto): Promise<ClosureView & { affectedBookings: AffectedBookingsOutcome }> {
    return this.closures.add(user, 'resource', id, dto);
  }

  @Get('sites/:id/closures')
  listForSite(@Param('id', ParseUUIDPipe) id: string): Promise<ClosureView[]> {
    return this.closures.listForSite(id);
  }

  @Post('sites/:id/closures')
  addToSite(@Actor() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: CreateClosureDto): Promise<ClosureView & { affectedBookings: AffectedBookingsOutcome }> {
    return this.closures.add(user, 'site', id, dto);
  }

  @Delete('closures/:id')
  @HttpCode(HttpStatus.NO_CONTENT)
  remove(@Actor() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.closures.remove(user, id);
  }
}
