import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { MembershipRole } from '@equipole/shared';
import { User } from '../users/user.entity';
import { Organisation } from './organisation.entity';

@Entity('memberships')
export class Membership {
  @PrimaryColumn('uuid')
  userId: string;

  @PrimaryColumn('uuid')
  organisationId: string;

  @Column('text')
  role: MembershipRole;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @ManyToOne(() => User, (user) => user.memberships, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user: User;

  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id' })
  organisation: Organisation;
}
