import { Controller, Get, Header, Param, ParseUUIDPipe, Res, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Actor, type AuthUser, Public } from '../auth/auth-user';
import { AttestationsService, type AttestationCheck } from './attestations.service';

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

  /** Anyone holding the paper checks it: the reference printed on it, and what it attests. */
  @Public()
  @Get('attestations/:reference')
  check(@Param('reference') reference: string): Promise<AttestationCheck> {
    return this.attestations.check(reference);
  }
}
