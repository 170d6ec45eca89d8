import { CreateDateColumn, UpdateDateColumn } from 'typeorm';

// Explicit CURRENT_TIMESTAMP(3): TypeORM's default for precision 3 is CURRENT_TIMESTAMP(6),
// which MariaDB accepts and MySQL 8 rejects ("Invalid default value").
export const CreatedAt = () => CreateDateColumn({ precision: 3, default: () => 'CURRENT_TIMESTAMP(3)' });
export const UpdatedAt = () =>
  UpdateDateColumn({ precision: 3, default: () => 'CURRENT_TIMESTAMP(3)', onUpdate: 'CURRENT_TIMESTAMP(3)' });
