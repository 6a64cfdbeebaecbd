import { Body, Controller, Delete, Get, Header, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Query, Req, Res, UploadedFile, UseGuards, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiProduces, ApiTags } from '@nestjs/swagger';
import { INDICATOR_VERSION, OPEN_DATA_LICENCE, type Story } from '@equipole/shared';
import type { Request, Response } from 'express';
import { Actor, type AuthUser, Public } from '../auth/auth-user';
import { toCsv } from '../reports/report-csv';
import { sendPhoto, type UploadedPhoto } from '../resources/photo-upload';
import { ClusterPagesService } from './cluster-pages.service';
import { CreateStoryDto, OpenIndicatorsQuery, PeriodQuery } from './dto/open-data.dto';
import { OpenIndicatorsService } from './open-indicators.service';
import { StoryPhotoGuard } from './story-photo.guard';
import { ALT_FIELDS, StoryPhotosService } from './story-photos.service';

/** Open indicators: public, aggregates only, licensed, versioned and cacheable (ETag). */
@ApiTags('open data')
@Controller('open')
export class OpenDataController {
  constructor(private readonly open: OpenIndicatorsService) {}

  @Public()
  @Get('indicators')
  async json(@Query() query: OpenIndicatorsQuery, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<unknown> {
    const { body, etag } = await this.load(query);
    return this.answer(request, response, etag, 'application/json; charset=utf-8') ? body : undefined;
  }

  @Public()
  @Get('indicators.csv')
  @ApiProduces('text/csv')
  async csv(@Query() query: OpenIndicatorsQuery, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<string | undefined> {
    const { body, etag } = await this.load(query);
    response.setHeader('Content-Disposition', `inline; filename="equipole-indicators-${body.from}-${body.to}.csv"`);
    return this.answer(request, response, `${etag.slice(0, -1)}-csv"`, 'text/csv; charset=utf-8') ? this.open.csv(body) : undefined;
  }

  @Public()
  @Get('datapackage.json')
  @Header('Cache-Control', 'public, max-age=3600')
  datapackage(@Req() request: Request): object {
    return this.open.datapackage(`${request.protocol}://${request.get('host')}`);
  }

  private load(query: OpenIndicatorsQuery) {
    const { from, to } = this.open.period(query.from, query.to);
    return this.open.get(from, to, query.clusterId);
  }

  /** Sets the cache headers; false (and 304) when the client already holds this version. */
  private answer(request: Request, response: Response, etag: string, type: string): boolean {
    response.setHeader('ETag', etag);
    response.setHeader('Cache-Control', 'public, max-age=600');
    response.setHeader('X-Indicator-Version', INDICATOR_VERSION);
    response.setHeader('Link', `<${OPEN_DATA_LICENCE.path}>; rel="license"`);
    if (request.headers['if-none-match'] === etag) {
      response.status(HttpStatus.NOT_MODIFIED);
      return false;
    }
    response.setHeader('Content-Type', type);
    return true;
  }
}

/** A cluster's public page and stories; its evaluation report; the Interreg proxies (coordinators). */
@ApiTags('clusters')
@Controller()
export class ClusterPagesController {
  constructor(
    private readonly pages: ClusterPagesService,
    private readonly storyPhotos: StoryPhotosService,
  ) {}

  @Public()
  @Get('public/clusters/:id')
  page(@Param('id', ParseUUIDPipe) id: string) {
    return this.pages.publicPage(id);
  }

  @Post('clusters/:id/stories')
  createStory(@Actor() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: CreateStoryDto) {
    return this.pages.createStory(user, id, dto);
  }

  @Delete('clusters/:id/stories/:storyId')
  @HttpCode(HttpStatus.NO_CONTENT)
  deleteStory(@Actor() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Param('storyId', ParseUUIDPipe) storyId: string): Promise<void> {
    return this.pages.deleteStory(user, id, storyId);
  }

  @Post('clusters/:id/stories/:storyId/photo')
  @HttpCode(HttpStatus.OK)
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: {
        file: { type: 'string', format: 'binary', description: 'JPEG, PNG or WebP, MAX_PHOTO_MB at most; replaces the story’s photo' },
        ...Object.fromEntries(Object.entries(ALT_FIELDS).map(([locale, field]) => [field, { type: 'string', maxLength: 300, description: `What the photo shows (${locale}); optional` }])),
      },
    },
  })
  // The guard decides before a byte of the body is read; multer then streams it to disk (resources/photo-upload.ts).
  @UseGuards(StoryPhotoGuard)
  @UseInterceptors(FileInterceptor('file'))
  addStoryPhoto(
    @Actor() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('storyId', ParseUUIDPipe) storyId: string,
    @UploadedFile() file: UploadedPhoto | undefined,
    @Body() fields: Record<string, unknown>,
  ): Promise<Story> {
    return this.storyPhotos.add(user, id, storyId, file, fields);
  }

  @Delete('clusters/:id/stories/:storyId/photo')
  @HttpCode(HttpStatus.NO_CONTENT)
  removeStoryPhoto(@Actor() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Param('storyId', ParseUUIDPipe) storyId: string): Promise<void> {
    return this.storyPhotos.remove(user, id, storyId);
  }

  @Public()
  @Get('public/clusters/:id/stories/:storyId/photo')
  async storyPhoto(@Param('id', ParseUUIDPipe) id: string, @Param('storyId', ParseUUIDPipe) storyId: string, @Res() response: Response): Promise<void> {
    const { path, contentType } = await this.storyPhotos.file(id, storyId);
    // Public like the page, but kept 5 minutes only: a photo a coordinator removes stops being served soon.
    // Its address changes with each upload (?v=), so a replacement shows at once.
    await sendPhoto(response, path, contentType, 'public, max-age=300');
  }

  @Get('clusters/:id/evaluation')
  evaluation(@Actor() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Query() query: PeriodQuery) {
    return this.pages.evaluation(user, id, query.from, query.to);
  }

  @Get('interreg')
  interreg(@Actor() user: AuthUser, @Query() query: PeriodQuery) {
    return this.pages.interreg(user, query.from, query.to, query.clusterId);
  }

  @Get('interreg.csv')
  @ApiProduces('text/csv')
  @Header('Cache-Control', 'no-store')
  async interregCsv(@Actor() user: AuthUser, @Query() query: PeriodQuery, @Res({ passthrough: true }) response: Response): Promise<string> {
    const report = await this.pages.interreg(user, query.from, query.to, query.clusterId);
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader('Content-Disposition', `attachment; filename="equipole-interreg-${query.from}-${query.to}.csv"`);
    return toCsv({
      columns: ['cluster', 'RCO87 (proxy) organisations cooperating across borders', 'cross-border partnerships', 'RCO81 (proxy) participations in joint actions across borders', 'participants of bookings', 'participants of sessions'],
      rows: report.clusters.map((row) => [row.cluster.name, row.rco87.value, row.rco87.crossBorderPartnerships, row.rco81.value, row.rco81.bookingParticipants, row.rco81.sessionParticipants]),
    }, user.locale);
  }
}
