import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiConsumes, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../tenants/auth.decorators';
import { FormIntake, PublicPost } from './form-intake.service';
import type { FormReply } from './form-replies';

/** The micro-page (`/f/<key>`): public, no API key. Answers are HTML for browsers and JSON for apps. */
@ApiTags('forms (public)')
@Public()
@Controller('f')
export class PublicFormsController {
  constructor(private readonly intake: FormIntake) {}

  @Get(':key')
  @ApiOperation({ summary: 'The form page (HTML, works without JavaScript); 404 unknown key, 410 disabled form' })
  @ApiProduces('text/html')
  async page(@Param('key') key: string, @Res() res: Response): Promise<void> {
    send(res, await this.intake.page(key));
  }

  @Post(':key')
  @ApiOperation({
    summary: 'Submit the form. Browsers: 200 thank-you page, 303 to the redirect URL, 400 the page with errors. '
      + 'JSON: 201 {status, message, redirectUrl?}, 400 {statusCode, error, message, fields}. 429 with Retry-After.',
  })
  @ApiConsumes('application/x-www-form-urlencoded', 'application/json')
  @ApiProduces('text/html', 'application/json')
  async submit(@Param('key') key: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    send(res, await this.intake.submit(key, describePost(req)));
  }
}

function describePost(req: Request): PublicPost {
  const type = req.is(['urlencoded', 'json']);
  const encoding = type === null ? 'none' : type === 'urlencoded' ? 'form' : type === 'json' ? 'json' : 'other';
  return {
    body: req.body, encoding,
    html: encoding === 'form' || req.accepts(['json', 'html']) === 'html',
    client: { address: req.ip ?? null, userAgent: req.get('user-agent') ?? null },
  };
}

function send(res: Response, reply: FormReply): void {
  res.set(reply.headers);
  if (reply.redirect) return res.redirect(303, reply.redirect);
  res.status(reply.status);
  if (reply.html !== undefined) res.type('html').send(reply.html);
  else res.json(reply.json);
}
