import { Column, CreateDateColumn, Entity, OneToMany, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Sector } from '@equipole/shared';
import { OccupationShortage } from './occupation-shortage.entity';

@Entity('occupations')
export class Occupation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  code: string;

  @Column('text')
  labelFr: string;

  @Column('text')
  labelNl: string;

  @Column('text')
  labelEn: string;

  @Column('text')
  sector: Sector;

  @Column('text', { nullable: true })
  escoUri: string | null;

  @Column('text', { nullable: true })
  iscoCode: string | null;

  @Column('text', { nullable: true })
  romeCode: string | null;

  @OneToMany(() => OccupationShortage, (shortage) => shortage.occupation)
  shortages: OccupationShortage[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
