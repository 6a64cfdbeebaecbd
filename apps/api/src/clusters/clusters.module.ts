import { Module } from '@nestjs/common';
import { ClustersController } from './clusters.controller';
import { ClustersRepository } from './clusters.repository';
import { ClustersService } from './clusters.service';

@Module({ controllers: [ClustersController], providers: [ClustersService, ClustersRepository] })
export class ClustersModule {}
