import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditContextInterceptor } from './audit-context.interceptor';
import { AuditEntry } from './audit-entry.entity';
import { AuditService } from './audit.service';

/**
 * The audit trail's writer, for every module (global: domain services record their changes in their own transactions),
 * and the per-request context (caller, address) it reads.
 */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([AuditEntry])],
  providers: [AuditService, { provide: APP_INTERCEPTOR, useClass: AuditContextInterceptor }],
  exports: [AuditService],
})
export class AuditModule {}
