import { All, Controller, Param, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../common/auth.decorators';
import { InboundHookService } from './inbound-hook.service';

/** The public endpoint outside systems call. The raw body arrives as a Buffer (see app.setup.ts). */
@ApiExcludeController()
@Public()
@Controller('hooks')
export class HooksController {
  constructor(private readonly hooks: InboundHookService) {}

  @All(':key')
  async receive(@Param('key') key: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const answer = await this.hooks.handle({
      key,
      method: req.method,
      raw: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
      headers: req.headers,
      query: { ...(req.query as Record<string, unknown>) },
      ip: req.ip ?? req.socket.remoteAddress ?? '',
    });
    res.status(answer.status).set(answer.headers);
    if (answer.body === null || answer.body === undefined) res.end();
    else res.json(answer.body);
  }
}
