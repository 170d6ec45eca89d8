import { randomBytes } from 'crypto';
import type { FieldProblem } from '../common/api-error';
import { secretHint } from '../common/credential-mask';
import { fieldError, FieldValidationException } from '../common/validation';
import { sampleContext } from '../outbox/template-sample';
import type { RenderLimits } from '../templates/render-budget';
import { compileTemplate, renderTemplate, TemplateError } from '../templates/render-template';
import { headerProblems } from '../webhooks/webhook-rules';
import type { ChecksDto, UpdateInboundTriggerDto } from './dto/inbound-trigger.dto';
import { parseCidr } from './inbound-checks';
import type { InboundTrigger, PublicChecks, TriggerSecrets } from './inbound-trigger.entity';

/** An inbound trigger's settings as the API changes them: keys, secrets, checks and the response. No database here. */

type SecretName = keyof TriggerSecrets;

export function newTriggerKey(): string {
  return randomBytes(18).toString('base64url');
}

export function newSecret(check: SecretName): string {
  return check === 'standardWebhooks' ? `whsec_${randomBytes(32).toString('base64')}` : randomBytes(32).toString('hex');
}

/**
 * Headers an inbound response may not set: it is served from Herald's own origin (the console's),
 * so they would act on a visitor's browser there — cookies (a tenant could plant its own console
 * session: login CSRF), redirects, site data, transport security, cross-origin access.
 */
const ORIGIN_HEADERS =
  /^(set-cookie2?|clear-site-data|refresh|location|strict-transport-security|access-control-.*|content-security-policy.*|content-disposition|service-worker-allowed)$/i;

/** Copies the plain settings onto `target`, checking the customer match and the response (its headers and template). */
export function applyPlainFields(target: Partial<InboundTrigger>, dto: UpdateInboundTriggerDto, limits: RenderLimits): void {
  for (const key of ['name', 'enabled', 'methods', 'mode', 'syncTimeoutMs', 'idHeader'] as const) {
    if (dto[key] !== undefined) (target as Record<string, unknown>)[key] = dto[key];
  }
  if (dto.customerMatch !== undefined) {
    const m = dto.customerMatch;
    if (m && Object.keys(m).filter((k) => m[k as 'mobile' | 'email'] !== undefined).length !== 1) {
      throw fieldError('customerMatch', 'must name exactly one of mobile or email', 'one_of_mobile_email');
    }
    target.customerMatch = m ? { ...m } : null;
  }
  if (dto.response !== undefined) {
    const r = dto.response;
    if (r) {
      // Header problems are named from `headers.`: they move under `response.`, messages too.
      const problems: FieldProblem[] = headerProblems(r.headers ?? {}).map((p) => ({ ...p, path: `response.${p.path}`, message: `response.${p.message}` }));
      for (const name of Object.keys(r.headers ?? {})) {
        if (ORIGIN_HEADERS.test(name)) {
          const path = `response.headers.${name}`;
          problems.push({
            path,
            code: 'header_not_allowed',
            params: { name },
            message: `${path} would act on browsers at Herald's own address and cannot be set`,
          });
        }
      }
      if (r.body !== undefined && r.body !== null) {
        try {
          // Rendered once for sample values too: a template past the render limits for any request (a loop) is refused here.
          renderTemplate(compileTemplate(r.body, 'response.body'), { ...sampleContext(), trigger: {}, nodes: {} }, limits);
        } catch (error) {
          if (!(error instanceof TemplateError)) throw error;
          problems.push(error.toProblem());
        }
      }
      if (problems.length) throw new FieldValidationException(problems);
    }
    target.response = r ? { status: r.status ?? 200, headers: r.headers ?? {}, body: r.body ?? null } : null;
  }
}

/** New checks: secrets kept when a check stays; given ones taken and missing ones generated (`fresh`: shown once). */
export function resolveChecks(dto: ChecksDto, current: { checks: PublicChecks; secrets: TriggerSecrets }) {
  const checks: PublicChecks = {};
  const secrets: TriggerSecrets = {};
  const fresh: SecretName[] = [];
  const secretFor = (name: SecretName, given: string | undefined) => {
    if (!given && current.secrets[name]) return current.secrets[name]!;
    fresh.push(name);
    return given ?? newSecret(name);
  };
  if (dto.hmac) {
    secrets.hmac = secretFor('hmac', dto.hmac.secret);
    checks.hmac = {
      header: dto.hmac.header ?? current.checks.hmac?.header ?? 'X-Hub-Signature-256',
      algorithm: dto.hmac.algorithm ?? current.checks.hmac?.algorithm ?? 'sha256',
      hint: secretHint(secrets.hmac),
    };
  }
  if (dto.standardWebhooks) {
    secrets.standardWebhooks = secretFor('standardWebhooks', dto.standardWebhooks.secret);
    checks.standardWebhooks = { hint: secretHint(secrets.standardWebhooks) };
  }
  if (dto.token) {
    secrets.token = secretFor('token', dto.token.value);
    checks.token = { header: dto.token.header ?? current.checks.token?.header ?? 'X-Herald-Token', hint: secretHint(secrets.token) };
  }
  if (dto.ipAllowlist?.length) {
    const problems: FieldProblem[] = [];
    dto.ipAllowlist.forEach((cidr, i) => {
      try {
        parseCidr(cidr);
      } catch {
        const path = `checks.ipAllowlist[${i}]`;
        problems.push({
          path,
          code: 'is_ip_range',
          params: { value: cidr },
          message: `${path} must be an IPv4 or IPv6 address or CIDR range (got ${JSON.stringify(cidr)})`,
        });
      }
    });
    if (problems.length) throw new FieldValidationException(problems);
    checks.ipAllowlist = dto.ipAllowlist;
  }
  return { checks, secrets, fresh };
}
