import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { createServer, Server } from 'http';
import { Env } from '../config/env';
import { MetricsService } from './metrics.service';

/** The worker has no HTTP app: it serves its metrics on METRICS_PORT (0 turns this off). */
@Injectable()
export class MetricsServer implements OnModuleInit, OnApplicationShutdown {
  private server?: Server;

  constructor(
    private readonly metrics: MetricsService,
    private readonly env: Env,
  ) {}

  onModuleInit(): void {
    if (!this.env.METRICS_PORT) return;
    this.server = createServer((req, res) => {
      if (req.url !== '/metrics') return void res.writeHead(404).end();
      this.metrics.text().then(
        (text) => res.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8' }).end(text),
        () => res.writeHead(500).end(),
      );
    });
    this.server.on('error', (error) => new Logger(MetricsServer.name).error(`metrics port ${this.env.METRICS_PORT}: ${error.message}`));
    this.server.listen(this.env.METRICS_PORT);
  }

  onApplicationShutdown(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
