import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import type { Queue } from 'bull';
import type { Redis } from 'ioredis';
import { Env } from '../config/env';
import { QUEUES } from '../queues/queues';
import type { JourneyRun } from './journey-run.entity';
import { RunStore } from './run-store';

/** A run as a waiter gets it back: how it ended, and its context (templates read it). */
export type FinishedRun = Pick<JourneyRun, 'id' | 'journeyId' | 'customerId' | 'status' | 'error' | 'context'>;

/** Where workers announce finished runs (a list of ids per commit). */
export function runsFinishedChannel(env: Env): string {
  return `${env.REDIS_PREFIX}:journey-runs:finished`;
}

const POLL_MS = 500;
const FINISHED = ['completed', 'failed', 'cancelled'];

/**
 * Api side: waits for a run to finish (a sync inbound hook answers with its result). Workers
 * publish finished run ids on Redis; a poll of the row every 500 ms covers a missed message.
 */
@Injectable()
export class RunWaiter implements OnModuleDestroy {
  private readonly logger = new Logger(RunWaiter.name);
  private subscriber?: Redis;
  private readonly waiters = new Map<number, Set<() => void>>();

  constructor(
    private readonly runs: RunStore,
    private readonly env: Env,
    @InjectQueue(QUEUES.journeys) private readonly queue: Queue,
  ) {}

  /** The run once it has finished, or null after `timeoutMs`. */
  async wait(runId: number, timeoutMs: number): Promise<FinishedRun | null> {
    await this.subscribe();
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const run = await this.runs.find(runId);
      if (!run || FINISHED.includes(run.status)) return run;
      const left = deadline - Date.now();
      if (left <= 0) return null;
      await new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          this.waiters.get(runId)?.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, Math.min(POLL_MS, left));
        if (!this.waiters.has(runId)) this.waiters.set(runId, new Set());
        this.waiters.get(runId)!.add(wake);
      });
      if (!this.waiters.get(runId)?.size) this.waiters.delete(runId);
    }
  }

  private async subscribe(): Promise<void> {
    if (this.subscriber) return;
    this.subscriber = this.queue.client.duplicate();
    this.subscriber.on('message', (_channel: string, message: string) => {
      try {
        for (const id of JSON.parse(message) as number[]) for (const wake of [...(this.waiters.get(id) ?? [])]) wake();
      } catch (error) {
        this.logger.warn(`bad runs-finished message: ${(error as Error).message}`);
      }
    });
    await this.subscriber.subscribe(runsFinishedChannel(this.env));
  }

  async onModuleDestroy(): Promise<void> {
    await this.subscriber?.quit().catch(() => undefined);
  }
}
