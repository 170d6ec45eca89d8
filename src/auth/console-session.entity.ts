import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt } from '../database/columns';
import { ConsoleUser } from './console-user.entity';

/** A signed-in browser. Only the SHA-256 of the cookie's random token is stored. */
@Entity('console_sessions')
@Index('IDX_console_sessions_expires', ['expiresAt'])
export class ConsoleSession {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: number;

  @Index('UQ_console_sessions_token', { unique: true })
  @Column({ type: 'char', length: 64 })
  tokenHash: string;

  @Index()
  @Column()
  userId: number;

  @ManyToOne(() => ConsoleUser, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'userId' })
  user?: ConsoleUser;

  @Column()
  tenantId: number;

  @CreatedAt()
  createdAt: Date;

  /** Sliding: pushed forward on use (at most once an hour); a session unused for its lifetime ends. */
  @Column({ type: 'datetime', precision: 3 })
  expiresAt: Date;
}
