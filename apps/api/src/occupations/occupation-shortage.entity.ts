import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { Region } from '@equipole/shared';
import { Occupation } from './occupation.entity';

/** Whether an occupation is on a region's list of occupations in shortage (métiers en tension). */
@Entity('occupation_shortages')
export class OccupationShortage {
  @PrimaryColumn('uuid')
  occupationId: string;

  @PrimaryColumn('text')
  region: Region;

  @Column('boolean')
  inShortage: boolean;

  @Column('date', { nullable: true })
  listDate: string | null;

  @Column('text', { nullable: true })
  source: string | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @ManyToOne(() => Occupation, (occupation) => occupation.shortages, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'occupation_id' })
  occupation: Occupation;
}
