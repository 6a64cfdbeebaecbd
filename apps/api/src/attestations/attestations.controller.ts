import { Body, Controller, Get, Header, Param, ParseUUIDPipe, Put, Res, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsString, MaxLength } from 'class-validator';
import type { Response } from 'express';
import { Actor, type AuthUser, Public } from '../auth/auth-user';
import { AttestationsService, type AttestationCheck } from './attestations.service';

/** `PUT /api/bookings/:id/participant-names`: the list printed on the attestation (empty: none). */
export class ParticipantNamesDto {
  @ApiProperty({ type: [String], maxItems: 200 })
  @IsArray()
  @ArrayMaxSize(200)
  @Transform(({ value }) => (Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v.trim() : v)) : value))
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  names: string[];
}

@ApiTags('attestations')
@Controller()
export class AttestationsController {
  constructor(private readonly attestations: AttestationsService) {}

  /** The attendance attestation of a completed booking, as PDF, in the reader's language. */
  @Get('bookings/:id/attestation.pdf')
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The attestation (PDF).' })
  @Header('Cache-Control', 'private, no-store')
  async pdf(@Actor() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Res({ passthrough: true }) response: Response): Promise<StreamableFile> {
    const { reference, content } = await this.attestations.pdf(user, id);
    response.setHeader('Content-Type', 'application/pdf');
    response.setHeader('Content-Disposition', `attachment; filename="attestation-${reference}.pdf"`);
    return new StreamableFile(content);
  }

  /** The participants' names the teacher types for the attestation (members of the booking organisation). */
  @Put('bookings/:id/participant-names')
  participantNames(@Actor() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ParticipantNamesDto): Promise<{ participantNames: string[] | null }> {
    return this.attestations.setParticipantNames(user, id, dto.names);
  }

  /** Anyone holding the paper checks it: the reference printed on it, and what it attests. */
  @Public()
  @Get('attestations/:reference')
  check(@Param('reference') reference: string): Promise<AttestationCheck> {
    return this.attestations.check(reference);
  }
}
