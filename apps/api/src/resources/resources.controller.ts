import {
  Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Patch, Post, Query, Req, Res, UploadedFile,
  StreamableFile, UseGuards, UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsOptional, IsUUID, ValidateNested } from 'class-validator';
import { AffectedBookingsDto } from '../bookings/dto/affected-bookings.dto';
import { RESOURCE_STATUSES, type ResourceDetail, type ResourceSearchPage, type ResourceStatus } from '@equipole/shared';
import type { Request, Response } from 'express';
import { Actor, type AuthUser, Public } from '../auth/auth-user';
import { CreateResourceDto, SearchResourcesQuery, UpdateResourceDto } from './dto/resource.dto';
import { LabelsService } from './labels.service';
import { PhotoUploadGuard, sendPhoto, type UploadedPhoto } from './photo-upload';
import { PhotosService } from './photos.service';
import { ResourceSearchService } from './resource-search.service';
import { ResourcesService } from './resources.service';

class SetStatusDto {
  @IsIn(RESOURCE_STATUSES)
  status: ResourceStatus;

  @ApiPropertyOptional({ type: AffectedBookingsDto, description: 'Required when maintenance or retirement hits pending or confirmed bookings.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => AffectedBookingsDto)
  affectedBookings?: AffectedBookingsDto;
}

class LabelSheetQuery {
  @IsOptional()
  @IsUUID()
  siteId?: string;
}

class PhotoUploadDto {
  file: unknown;
  altText?: string;
}

@ApiTags('resources')
@Controller()
export class ResourcesController {
  constructor(
    private readonly resources: ResourcesService,
    private readonly search: ResourceSearchService,
    private readonly photos: PhotosService,
    private readonly labels: LabelsService,
  ) {}

  /** A printable label (PDF) with the item's name, owner and a QR code to its check-in page. */
  @Get('resources/:id/label.pdf')
  async label(@Actor() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<StreamableFile> {
    return pdfFile(await this.labels.one(user, id), 'label.pdf');
  }

  /** Every item of an owner (or of one of its sites) on A4 sheets of eight labels. */
  @Get('organisations/:id/labels.pdf')
  async labelSheet(@Actor() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Query() query: LabelSheetQuery): Promise<StreamableFile> {
    return pdfFile(await this.labels.sheet(user, id, query.siteId), 'labels.pdf');
  }

  @Public()
  @Get('resources')
  find(@Req() request: Request & { user?: AuthUser }, @Query() query: SearchResourcesQuery): Promise<ResourceSearchPage> {
    return this.search.search(query, request.user);
  }

  @Post('resources')
  create(@Actor() user: AuthUser, @Body() dto: CreateResourceDto): Promise<ResourceDetail> {
    return this.resources.create(user, dto);
  }

  @Public()
  @Get('resources/:id')
  get(@Req() request: Request & { user?: AuthUser }, @Param('id', ParseUUIDPipe) id: string): Promise<ResourceDetail> {
    return this.resources.get(request.user, id);
  }

  @Patch('resources/:id')
  update(@Actor() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateResourceDto): Promise<ResourceDetail> {
    return this.resources.update(user, id, dto);
  }

  @Post('resources/:id/status')
  @HttpCode(HttpStatus.OK)
  setStatus(@Actor() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: SetStatusDto): Promise<ResourceDetail> {
    return this.resources.setStatus(user, id, dto.status, dto.affectedBookings);
  }

  @Post('resources/:id/photos')
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: PhotoUploadDto })
  // The guard decides before a byte of the body is read; multer then streams it to disk (photo-upload.ts).
  @UseGuards(PhotoUploadGuard)
  @UseInterceptors(FileInterceptor('file'))
  addPhoto(
    @Actor() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @UploadedFile() file: UploadedPhoto | undefined,
    @Body('altText') altText?: string,
  ): Promise<{ id: string; url: string }> {
    return this.photos.add(user, id, file, typeof altText === 'string' ? altText : undefined);
  }

  @Delete('resources/:id/photos/:photoId')
  @HttpCode(HttpStatus.NO_CONTENT)
  removePhoto(@Actor() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Param('photoId', ParseUUIDPipe) photoId: string): Promise<void> {
    return this.photos.remove(user, id, photoId);
  }

  @Public()
  @Get('photos/:id')
  async photo(@Param('id', ParseUUIDPipe) id: string, @Res() response: Response): Promise<void> {
    const { path, contentType } = await this.photos.file(id);
    await sendPhoto(response, path, contentType);
  }
}

function pdfFile(content: Buffer, name: string): StreamableFile {
  return new StreamableFile(content, { type: 'application/pdf', disposition: `inline; filename="${name}"`, length: content.length });
}
