import { Module } from '@nestjs/common';
import { AttestationsController } from './attestations.controller';
import { AttestationsRepository } from './attestations.repository';
import { AttestationsService } from './attestations.service';

@Module({ controllers: [AttestationsController], providers: [AttestationsService, AttestationsRepository] })
export class AttestationsModule {}
