import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiExtraModels, ApiOperation, ApiResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ErrorResponseDto } from '../openapi/error-response.dto';
import { Public } from '../common/auth.decorators';
import { FormAcceptedView } from './dto/form-view.dto';
import { FormIntake, PublicPost } from './form-intake.service';
import type { FormReply } from './form-replies';

const HTML = { 'text/html': { schema: { type: 'string' } } } as const;
const ERROR_JSON = { 'application/json': { schema: { $ref: getSchemaPath(ErrorResponseDto) } } };
/** A page for browsers (form-encoded posts, or Accept: text/html), the API's error shape for apps. */
const PAGE_OR_ERROR = { ...HTML, ...ERROR_JSON };
const RETRY_AFTER = { 'Retry-After': { description: 'Seconds to wait before posting again.', schema: { type: 'integer' } } };

/** The micro-page (`/f/<key>`): public, no API key. Answers are HTML for browsers and JSON for apps. */
@ApiTags('forms (public)')
@ApiExtraModels(FormAcceptedView, ErrorResponseDto)
@Public()
@Controller('f')
export class PublicFormsController {
  constructor(private readonly intake: FormIntake) {}

  @Get(':key')
  @ApiOperation({ summary: 'The form page (HTML, works without JavaScript)' })
  @ApiResponse({ status: 200, description: 'The form page', content: HTML })
  @ApiResponse({ status: 404, description: 'No form with this key (a retired key, a deleted form)', content: HTML })
  @ApiResponse({ status: 410, description: 'The form is disabled', content: HTML })
  async page(@Param('key') key: string, @Res() res: Response): Promise<void> {
    send(res, await this.intake.page(key));
  }

  @Post(':key')
  @ApiOperation({
    summary: 'Submit the form: browsers (form-encoded) get pages and a 303 to the redirect URL; apps (JSON) get JSON',
    description: 'Every post counts toward FORM_RATE_LIMIT_PER_MINUTE per form and client address.',
  })
  @ApiConsumes('application/x-www-form-urlencoded', 'application/json')
  @ApiBody({
    description:
      'Field name → value. Form-encoded: text (a checkbox with options repeats its name; a yes/no checkbox sends on or ' +
      'nothing). JSON: text, a number, true/false, a list of option values, or null; a key that names no field is refused.',
    schema: {
      type: 'object',
      additionalProperties: {
        oneOf: [{ type: 'string', nullable: true }, { type: 'number' }, { type: 'boolean' }, { type: 'array', items: { type: 'string' } }],
      },
      example: { name: '张三', mobile: '13800000000', city: 'sh', interests: ['a', 'b'], consent: true },
    },
  })
  @ApiResponse({ status: 200, description: 'Browsers: the thank-you page', content: HTML })
  @ApiResponse({ status: 201, description: 'Apps: accepted', content: { 'application/json': { schema: { $ref: getSchemaPath(FormAcceptedView) } } } })
  @ApiResponse({ status: 303, description: "Browsers: accepted; on to the form's redirect URL", headers: { Location: { schema: { type: 'string' } } } })
  @ApiResponse({
    status: 400,
    description: 'Bad values: the page again with each error under its field, or validation_failed naming each field',
    content: PAGE_OR_ERROR,
  })
  @ApiResponse({ status: 404, description: 'No form with this key (form_not_found)', content: PAGE_OR_ERROR })
  @ApiResponse({ status: 410, description: 'The form is disabled (form_disabled)', content: PAGE_OR_ERROR })
  @ApiResponse({ status: 415, description: 'Neither form-encoded nor JSON (unsupported_media_type)', content: ERROR_JSON })
  @ApiResponse({ status: 429, description: 'Too many posts from this address (rate_limited)', content: PAGE_OR_ERROR, headers: RETRY_AFTER })
  async submit(@Param('key') key: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    send(res, await this.intake.submit(key, describePost(req)));
  }
}

function describePost(req: Request): PublicPost {
  const type = req.is(['urlencoded', 'json']);
  const encoding = type === null ? 'none' : type === 'urlencoded' ? 'form' : type === 'json' ? 'json' : 'other';
  return {
    body: req.body,
    encoding,
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
