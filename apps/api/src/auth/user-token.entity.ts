import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type TokenPurpose = 'invitation' | 'password_reset';

/** A single-use, expiring link sent by email; only the token's SHA-256 is stored. */
@Entity('user_tokens')
export class UserToken {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  userId: string;

  @Column('text')
  purpose: TokenPurpose;

  @Column('bytea', { select: false })
  tokenHash: Buffer;

  @Column('uuid', { nullable: true })
  organisationId: string | null;

  @Column('uuid', { nullable: true })
  createdById: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz')
  expiresAt: Date;

  @Column('timestamptz', { nullable: true })
  usedAt: Date | null;

  /** Ended because another invitation activated the account (used_at is set too). */
  @Column('timestamptz', { nullable: true })
  supersededAt: Date | null;
}
