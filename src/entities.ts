import { ConsoleSession } from './auth/console-session.entity';
import { ConsoleUser } from './auth/console-user.entity';
import { Broadcast } from './broadcasts/broadcast.entity';
import { Customer } from './customers/customer.entity';
import { DeliveryAttempt } from './deliveries/delivery-attempt.entity';
import { Delivery } from './deliveries/delivery.entity';
import { DeliveryStatsHourly } from './deliveries/delivery-stats-hourly.entity';
import { OutboxEvent } from './outbox/outbox-event.entity';
import { FormSubmission } from './forms/form-submission.entity';
import { Form } from './forms/form.entity';
import { GroupMember } from './groups/group-member.entity';
import { InboundRequest } from './inbound/inbound-request.entity';
import { InboundTrigger } from './inbound/inbound-trigger.entity';
import { JourneyNodeCount } from './journeys/journey-node-count.entity';
import { JourneyRun } from './journeys/journey-run.entity';
import { JourneyStep } from './journeys/journey-step.entity';
import { JourneyVersion } from './journeys/journey-version.entity';
import { Journey } from './journeys/journey.entity';
import { Group } from './groups/group.entity';
import { CouponCode } from './loyalty/coupon-code.entity';
import { Coupon } from './loyalty/coupon.entity';
import { LoyaltyLevel } from './loyalty/loyalty-level.entity';
import { Membership } from './loyalty/membership.entity';
import { ApiKey } from './tenants/api-key.entity';
import { Tenant } from './tenants/tenant.entity';
import { Webhook } from './webhooks/webhook.entity';
import { QuietHoursSetting } from './quiet-hours/quiet-hours-setting.entity';
import { FrequencyCap } from './frequency-caps/frequency-cap.entity';
import { AuditEntry } from './audit/audit-entry.entity';

/** Every entity, listed once for the app, the migration CLI and tests. */
export const ENTITIES = [
  Tenant,
  ApiKey,
  Customer,
  Group,
  GroupMember,
  Webhook,
  Delivery,
  DeliveryAttempt,
  DeliveryStatsHourly,
  Broadcast,
  OutboxEvent,
  LoyaltyLevel,
  Membership,
  Coupon,
  CouponCode,
  ConsoleUser,
  ConsoleSession,
  Journey,
  JourneyVersion,
  JourneyRun,
  JourneyStep,
  JourneyNodeCount,
  InboundTrigger,
  InboundRequest,
  Form,
  FormSubmission,
  QuietHoursSetting,
  FrequencyCap,
  AuditEntry,
];
