/**
 * The API's shapes, named for the console: aliases of the document's schemas (src/api/schema.ts,
 * generated from docs/openapi.json by `npm run api:generate`), and its value lists at runtime.
 */
import type { components } from '../api/schema';
import {
  formFieldViewTypeValues,
  inboundRequestViewVerdictValues,
  journeyAttributeThresholdTriggerTypeValues,
  journeyEventTriggerEventValues,
  journeyEventTriggerTypeValues,
  journeyFormSubmittedTriggerTypeValues,
  journeyGroupEntryTriggerTypeValues,
  journeyInboundTriggerTypeValues,
  pathsApiBroadcastsGetParametersQueryStatusValues,
  pathsApiDeliveriesGetParametersQuerySourceValues,
  pathsApiDeliveriesGetParametersQueryStatusValues,
  pathsApiJourneysGetParametersQueryStatusValues,
  pathsApiJourneysIdRunsGetParametersQueryStatusValues,
  updateInboundTriggerDtoMethodsValues,
} from '../api/schema';

export type Schemas = components['schemas'];

// ——— webhooks, messages, sends
export type Webhook = Schemas['WebhookView'];
export type WebhookListItem = Schemas['WebhookListItem'];
export type WebhookBody = Schemas['CreateWebhookDto'];
export type RenderedRequest = Schemas['PreviewView'];
export type Delivery = Schemas['DeliveryView'];
export type DeliveryDetail = Schemas['DeliveryDetail'];
export type Attempt = Schemas['AttemptView'];
export type Broadcast = Schemas['BroadcastView'];
export type TimelinePoint = Schemas['TimelinePointView'];

// ——— customers, groups, loyalty, settings
export type Customer = Schemas['CustomerView'];
export type ImportReport = Schemas['ImportReportView'];
export type Group = Schemas['GroupView'];
export type GroupDetail = Schemas['GroupDetailView'];
export type Me = Schemas['MeView'];
export type ApiKey = Schemas['ApiKeyView'];
export type IssuedApiKey = Schemas['IssuedApiKeyView'];
export type ConsoleUser = Schemas['ConsoleUserView'];
export type Level = Schemas['LevelView'];
export type Coupon = Schemas['CouponView'];
export type CouponCode = Schemas['CouponCodeView'];
export type Membership = Schemas['MembershipListItem'];
export type EventRow = Schemas['EventView'];

// ——— journeys
export type Journey = Schemas['JourneyView'];
export type JourneyCounters = Schemas['JourneyCountersView'];
export type JourneyCheck = Schemas['JourneyValidationView'];
export type JourneyRun = Schemas['JourneyRunView'];
export type RunDetail = Schemas['JourneyRunDetail'];
export type RunStep = Schemas['JourneyStepView'];
type ApiNode = Journey['nodes'][number];
type ApiTrigger = Journey['trigger'];
export type NodeType = ApiNode['type'];
export type TriggerType = ApiTrigger['type'];
export type LinkKey = 'next' | 'then' | 'else';

/** Every key of any member of a union, each optional, with the types the members give it. */
type AllKeys<U> = U extends unknown ? keyof U : never;
type Loose<U> = { [K in AllKeys<U>]?: U extends { [P in K]?: infer V } ? V : never };
/**
 * A node as the editor holds it while the marketer builds it: any type's keys, each optional (a node
 * just dropped on the canvas lacks what its type needs: the live check says so). The API's own node
 * types are assignable to it; what is sent back is checked by the API.
 */
export type JourneyNode = Loose<ApiNode> & { id: string; type: NodeType };
export type JourneyTrigger = Loose<ApiTrigger> & { type: TriggerType };

// ——— forms, inbound triggers
export type HeraldForm = Schemas['FormView'];
export type FormField = Schemas['FormFieldView'];
export type FormFieldType = FormField['type'];
export type FormSubmission = Schemas['FormSubmissionView'];
export type InboundTrigger = Schemas['InboundTriggerView'];
export type InboundChecks = Schemas['InboundChecksView'];
export type InboundRequest = Schemas['InboundRequestView'];

// ——— value lists from the document
export const DELIVERY_STATUSES = pathsApiDeliveriesGetParametersQueryStatusValues;
export const DELIVERY_SOURCES = pathsApiDeliveriesGetParametersQuerySourceValues;
export const BROADCAST_STATUSES = pathsApiBroadcastsGetParametersQueryStatusValues;
export const JOURNEY_STATUSES = pathsApiJourneysGetParametersQueryStatusValues;
export const RUN_STATUSES = pathsApiJourneysIdRunsGetParametersQueryStatusValues;
export type JourneyStatus = (typeof JOURNEY_STATUSES)[number];
export type RunStatus = (typeof RUN_STATUSES)[number];
export const FIXED_EVENTS = journeyEventTriggerEventValues;
export const FORM_FIELD_TYPES = formFieldViewTypeValues;
export const INBOUND_METHODS = updateInboundTriggerDtoMethodsValues;
export const INBOUND_VERDICTS = inboundRequestViewVerdictValues;
/** The trigger types, from each one's schema (their `type` is a one-value enum). The node types are the editor's registry (pages/journeys/editor/nodes). */
export const TRIGGER_TYPES: readonly TriggerType[] = [
  journeyGroupEntryTriggerTypeValues[0],
  journeyEventTriggerTypeValues[0],
  journeyAttributeThresholdTriggerTypeValues[0],
  journeyFormSubmittedTriggerTypeValues[0],
  journeyInboundTriggerTypeValues[0],
];
