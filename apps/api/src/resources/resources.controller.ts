import {
  Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Patch, Post, Query, Req, Res, UploadedFile, UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { RESOURCE_STATUSES, type ResourceDetail, type ResourceSearchPage, type ResourceStatus } from '@equipole/shared';
import type { Request, Response } from 'express';
import { Actor, type AuthUser, Public } from '../auth/auth-user';
import { CreateResourceDto, SearchResourcesQuery, UpdateResourceDto } from './dto/resource.dto';
import { PhotosService, type UploadedPhoto } from './photos.service';
import { ResourceSearchService } from './resource-search.service';
import { ResourcesService } from './resources.service';

class SetStatusDto {
  @IsIn(RESOURCE_STATUSES)
  status: ResourceStatus;
}

class PhotoUploadDto {
  file: unknown;
  altText?: string;
}

/** Photos are accepted up to 50 MB at the door; the configured limit is checked by multer below. */
const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

@ApiTags('resources')
@Controller()
export class ResourcesController {
  constructor(
    private readonly resources: ResourcesService,
    private readonly search: ResourceSearchService,
    private readonly photos: PhotosService,
  ) {}

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
    return this.resources.setStatus(user, id, dto.status);
  }

  @Post('resources/:id/photos')
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: PhotoUploadDto })
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1 } }))
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
    response.sendFile(path, { headers: { 'Content-Type': contentType, 'Cache-Control': 'public, max-age=86400' } });
  }
}
