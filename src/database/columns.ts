import { Column, CreateDateColumn } from 'typeorm';

// Explicit CURRENT_TIMESTAMP(3): TypeORM's default for precision 3 is CURRENT_TIMESTAMP(6),
// which MariaDB accepts and MySQL 8 rejects ("Invalid default value").
export const CreatedAt = () => CreateDateColumn({ precision: 3, default: () => 'CURRENT_TIMESTAMP(3)' });

// Not an @UpdateDateColumn: TypeORM's update() then adds `updatedAt = CURRENT_TIMESTAMP`, which
// drops the milliseconds. The database's ON UPDATE CURRENT_TIMESTAMP(3) keeps them; `update: false`
// stops TypeORM from writing a stale value back on save().
export const UpdatedAt = () =>
  Column({ type: 'datetime', precision: 3, default: () => 'CURRENT_TIMESTAMP(3)', onUpdate: 'CURRENT_TIMESTAMP(3)', update: false });
