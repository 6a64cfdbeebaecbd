import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Query, Res, UploadedFile, UseGuards, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AffectedBookingsOutcome, BreakdownReportView, DowntimeRow } from '@equipole/shared';
import { Actor, type AuthUser } from '../auth/auth-user';
import { sendPhoto, type UploadedPhoto } from '../resources/photo-upload';
import { BreakdownPhotoGuard } from './breakdown-photo.guard';
import { BreakdownsService } from './breakdowns.service';
import { AcknowledgeBreakdownDto, CreateBreakdownDto, DowntimeQuery, ListBreakdownsQuery, ResolveBreakdownDto } from './dto/breakdown.dto';

type WithOutcome = BreakdownReportView & { affectedBookings: AffectedBookingsOutcome };

@ApiTags('breakdowns')
@Controller()
export class BreakdownsController {
  constructor(private readonly breakdowns: BreakdownsService) {}

  @Post('resources/:id/breakdowns')
  report(@Actor() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: CreateBreakdownDto): Promise<WithOutcome> {
    return this.breakdowns.report(user, id, dto);
  }

  @Get('resources/:id/events')
  events(@Actor() user: AuthUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.breakdowns.events(user, id);
  }

  @Get('breakdowns')
  list(@Actor() user: AuthUser, @Query() query: ListBreakdownsQuery): Promise<BreakdownReportView[]> {
    return this.breakdowns.list(user, query);
  }

  @Post('breakdowns/:id/acknowledge')
  @HttpCode(HttpStatus.OK)
  acknowledge(@Actor() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: AcknowledgeBreakdownDto): Promise<WithOutcome> {
    return this.breakdowns.acknowledge(user, id, dto);
  }

  @Post('breakdowns/:id/photo')
  @HttpCode(HttpStatus.OK)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } })
  // The guard decides before a byte of the body is read; multer then streams it to disk (resources/photo-upload.ts).
  @UseGuards(BreakdownPhotoGuard)
  @UseInterceptors(FileInterceptor('file'))
  addPhoto(@Actor() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @UploadedFile() file: UploadedPhoto | undefined): Promise<BreakdownReportView> {
    return this.breakdowns.addPhoto(user, id, file);
  }

  @Get('breakdowns/:id/photo')
  async photo(@Actor() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Res() response: Response): Promise<void> {
    const { path, contentType } = await this.breakdowns.photoFile(user, id);
    // Only for the people who see the report: never kept by a shared cache, asked again after a replacement.
    await sendPhoto(response, path, contentType, 'private, no-cache');
  }

  @Post('breakdowns/:id/resolve')
  @HttpCode(HttpStatus.OK)
  resolve(@Actor() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ResolveBreakdownDto): Promise<BreakdownReportView> {
    return this.breakdowns.resolve(user, id, dto);
  }

  /** Downtime hours and mean time to repair per item (docs/indicators.md, "Downtime and check-in"). */
  @Get('indicators/downtime')
  downtime(@Actor() user: AuthUser, @Query() query: DowntimeQuery): Promise<DowntimeRow[]> {
    return this.breakdowns.downtime(user, query);
  }
}
