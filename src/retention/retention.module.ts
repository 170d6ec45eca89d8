import { Module } from '@nestjs/common';
import { RetentionService } from './retention.service';

/** Worker only: purges what is older than RETENTION_DAYS. */
@Module({ providers: [RetentionService], exports: [RetentionService] })
export class RetentionModule {}
