import { BullAdapter } from '@bull-board/api/bullAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { BullBoardModule } from '@bull-board/nestjs';
import { Module } from '@nestjs/common';
import { Env } from '../config/env';
import { ALL_QUEUES } from '../queues/queues';
import { adminAuthMiddleware } from './admin-auth.middleware';

/** The bull dashboard at /admin/queues, behind ADMIN_TOKEN. */
@Module({
  imports: [
    BullBoardModule.forRootAsync({
      inject: [Env],
      useFactory: (env: Env) => ({ route: '/admin/queues', adapter: ExpressAdapter, middleware: adminAuthMiddleware(env.ADMIN_TOKEN) }),
    }),
    ...ALL_QUEUES.map((name) => BullBoardModule.forFeature({ name, adapter: BullAdapter })),
  ],
})
export class QueueBoardModule {}
