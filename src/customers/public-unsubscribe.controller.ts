import { Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../common/auth.decorators';
import { PageReply, UnsubscribeLinks } from './unsubscribe-links.service';
import { pageLang } from './unsubscribe-page';

const HTML = { 'text/html': { schema: { type: 'string' } } } as const;
const LANG = { name: 'lang', required: false, enum: ['zh', 'en'], description: "Page language; default: the browser's Accept-Language, else Chinese." };

/** The one-click unsubscribe page behind `{{ unsubscribe_url }}` (`/u/<token>`): public, no API key, HTML. */
@ApiTags('unsubscribe (public)')
@Public()
@Controller('u')
export class PublicUnsubscribeController {
  constructor(private readonly links: UnsubscribeLinks) {}

  @Get(':token')
  @ApiOperation({ summary: 'The unsubscribe page: a confirm button (nothing changes on GET, so link scanners unsubscribe nobody)' })
  @ApiQuery(LANG)
  @ApiResponse({ status: 200, description: 'The confirm page, or the done page when already unsubscribed', content: HTML })
  @ApiResponse({ status: 404, description: 'Not a valid link (forged, or its customer was deleted)', content: HTML })
  async page(@Param('token') token: string, @Query('lang') lang: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    send(
      res,
      await this.links.page(
        token,
        pageLang(lang, (l) => req.acceptsLanguages(l)),
      ),
    );
  }

  @Post(':token')
  @ApiOperation({
    summary: 'Confirm: the customer is unsubscribed (idempotent; a customer/updated event names unsubscribedAt)',
    description: 'Every post counts toward FORM_RATE_LIMIT_PER_MINUTE per client address.',
  })
  @ApiQuery(LANG)
  @ApiResponse({ status: 200, description: 'The done page', content: HTML })
  @ApiResponse({ status: 404, description: 'Not a valid link (forged, or its customer was deleted)', content: HTML })
  @ApiResponse({
    status: 429,
    description: 'Too many posts from this address',
    content: HTML,
    headers: { 'Retry-After': { description: 'Seconds to wait before posting again.', schema: { type: 'integer' } } },
  })
  async confirm(@Param('token') token: string, @Query('lang') lang: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    send(
      res,
      await this.links.confirm(
        token,
        pageLang(lang, (l) => req.acceptsLanguages(l)),
        req.ip ?? null,
      ),
    );
  }
}

function send(res: Response, reply: PageReply): void {
  res.set(reply.headers).status(reply.status).type('html').send(reply.html);
}
