import { ApiProperty } from '@nestjs/swagger';
import { PageOf } from '../../openapi/page.dto';
import { CustomerSummaryView } from '../../openapi/summary.dto';
import { FormFieldView } from './form-field.dto';

/** A form (表单) and its micro-page link. */
export class FormView {
  id!: number;
  name!: string;
  /** The link's secret part: /f/<key>. */
  key!: string;
  /** The micro-page: `<PUBLIC_URL>/f/<key>`. */
  publicUrl!: string;
  title!: string | null;
  description!: string | null;
  fields!: FormFieldView[];
  /** The manual webhooks called on each submission. */
  webhookIds!: number[];
  /** Shown after a submission (a default when null). */
  thankYouText!: string | null;
  /** Where browsers go after a submission (303), instead of the thank-you page. */
  redirectUrl!: string | null;
  enabled!: boolean;
  submissionCount!: number;
  createdAt!: Date;
  updatedAt!: Date;
  /** Set on deleted forms (their detail and submissions stay readable). */
  deletedAt!: Date | null;
}

export class FormPage extends PageOf(FormView) {}

/** A message a submission caused (to one of the form's webhooks). */
export class CausedDeliveryView {
  id!: string;
  webhookId!: number;
  status!: string;
}

/** A journey run a submission started. */
export class CausedRunView {
  id!: string;
  journeyId!: number;
  status!: string;
}

const SUBMITTED_VALUE = {
  oneOf: [{ type: 'string', nullable: true }, { type: 'number' }, { type: 'boolean' }, { type: 'array', items: { type: 'string' } }],
};

/** One accepted submission, with the messages and runs it caused. */
export class FormSubmissionView {
  /** A bigint, as a string. */
  id!: string;
  formId!: number;
  /** The customer it created or updated; null when it mapped neither mobile nor email. */
  customerId!: number | null;
  /** That customer, named; null without one. */
  customer!: CustomerSummaryView | null;

  @ApiProperty({
    type: 'object',
    additionalProperties: SUBMITTED_VALUE,
    description: 'Every field by name, typed: text, number, yes/no, a list of option values, or null when left empty.',
    example: { name: '张三', age: 30, interests: ['a'], consent: true, note: null },
  })
  data!: Record<string, string | number | boolean | string[] | null>;

  clientAddress!: string | null;
  userAgent!: string | null;
  createdAt!: Date;
  deliveries!: CausedDeliveryView[];
  runs!: CausedRunView[];
}

export class FormSubmissionPage extends PageOf(FormSubmissionView) {}

/** The JSON answer to an accepted submission (POST /f/{key}). */
export class FormAcceptedView {
  @ApiProperty({ enum: ['accepted'] })
  status!: 'accepted';
  /** The form's thank-you text. */
  message!: string;
  /** Where a browser would go next, when the form has one. */
  redirectUrl?: string;
}

/** An unsaved form's micro-page, rendered as `/f/<key>` renders it; it posts nowhere. */
export class FormPreviewView {
  /** The page, with its Content-Security-Policy also in a <meta> tag (for a srcdoc frame, which gets no headers). */
  html!: string;
  contentSecurityPolicy!: string;
}
