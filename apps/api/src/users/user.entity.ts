import { Column, CreateDateColumn, Entity, OneToMany, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Locale } from '@equipole/shared';
import { Membership } from '../organisations/membership.entity';

@Entity('users')
export class User {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  email: string;

  @Column('text')
  name: string;

  @Column('text')
  locale: Locale;

  /** Null until the person accepts their invitation and chooses a password. */
  @Column('text', { nullable: true, select: false })
  passwordHash: string | null;

  @Column('boolean')
  isCoordinator: boolean;

  @Column('boolean')
  active: boolean;

  @OneToMany(() => Membership, (membership) => membership.user)
  memberships: Membership[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
