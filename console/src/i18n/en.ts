import { enAutomation } from './en-automation';
import type { Messages } from './zh';

export const en: Messages = {
  'nav.webhooks': 'Webhooks', 'nav.sends': 'Sends', 'nav.deliveries': 'Delivery log', 'nav.customers': 'Customers', 'nav.groups': 'Groups',
  'nav.loyalty': 'Loyalty', 'nav.settings': 'Settings', 'nav.menu': 'Menu', 'nav.logout': 'Sign out',

  'common.actions': 'Actions', 'common.add': 'Add', 'common.back': 'Back', 'common.cancel': 'Cancel', 'common.close': 'Close',
  'common.createdAt': 'Created', 'common.delete': 'Delete', 'common.deleted': 'Deleted', 'common.details': 'Details', 'common.done': 'Done',
  'common.edit': 'Edit', 'common.empty': 'Nothing here yet', 'common.loadError': 'Could not load', 'common.loadMore': 'Load more', 'common.loading': 'Loading…',
  'common.retry': 'Retry', 'common.save': 'Save', 'common.saved': 'Saved', 'common.serverDefault': 'Default',

  'login.subtitle': 'Sign in to the marketing webhook console', 'login.email': 'Email', 'login.password': 'Password', 'login.emailRequired': 'Enter your email',
  'login.passwordRequired': 'Enter your password', 'login.submit': 'Sign in', 'login.wrong': 'Wrong email or password', 'login.tooMany': 'Too many attempts: try again later',

  'webhooks.title': 'Webhooks', 'webhooks.new': 'New webhook', 'webhooks.empty': 'No webhooks yet: create one to start',
  'webhooks.name': 'Name', 'webhooks.triggerType': 'Trigger', 'webhooks.trigger.manual': 'Manual (sends, tests, journeys)', 'webhooks.trigger.event': 'Fixed events',
  'webhooks.enabled': 'Enabled', 'webhooks.lastOutcome': 'Last message', 'webhooks.neverSent': 'Never sent', 'webhooks.send': 'Send message',
  'webhooks.history': 'History', 'webhooks.deleteConfirm': 'Delete this webhook? Its message history is kept.',

  'webhook.edit': 'Edit webhook', 'webhook.basics': 'Basics', 'webhook.method': 'Method', 'webhook.urlHint': 'http or https; https://user:pass@host/ becomes basic auth',
  'webhook.events': 'Events', 'webhook.security': 'Authentication', 'webhook.signatureScheme': 'Signature', 'webhook.noSignature': 'None',
  'webhook.secret': 'Secret', 'webhook.secretHint': 'When set, every message is signed (X-Clab-Hmac-Signature)', 'webhook.secretSet': 'Set: {hint}. Leave empty to keep it.',
  'webhook.secretUnchanged': 'Leave empty to keep', 'webhook.rotateSecret': 'Rotate secret', 'webhook.newSecret': 'New secret', 'webhook.graceHours': 'Old secret kept (hours)',
  'webhook.rotate': 'Rotate', 'webhook.rotated': 'Secret rotated', 'webhook.previousSecret': 'The old secret keeps signing until {until}',
  'webhook.basicAuth': 'Basic auth', 'webhook.username': 'Username', 'webhook.password': 'Password', 'webhook.passwordUnchanged': 'Leave empty to keep the password',
  'webhook.passwordRequired': 'Type the password again when changing the username', 'webhook.headers': 'Custom headers', 'webhook.headerValue': 'Value', 'webhook.addHeader': 'Add header',
  'webhook.retypeMasked': 'Masked values (••••••) cannot be read back: type them again when editing headers', 'webhook.body': 'Body template', 'webhook.delivery': 'Delivery',
  'webhook.rateLimit': 'Per minute', 'webhook.rateLimitHint': 'e.g. 20 for WeCom robots; empty: no limit', 'webhook.concurrency': 'Concurrency',
  'circuit.title': 'Circuit', 'circuit.open': 'Open', 'circuit.halfOpen': 'Probing', 'circuit.close': 'Close circuit', 'circuit.closed': 'Circuit closed',
  'circuit.closeConfirm': 'Close the circuit and let waiting messages go now?', 'circuit.since': 'since {time}', 'circuit.failures': '{n} failures in a row',
  'circuit.threshold': 'Circuit breaker', 'circuit.thresholdHint': 'failed attempts in a row that pause sending; 0: off', 'circuit.isClosed': 'Closed',
  'webhook.maxAttempts': 'Max attempts', 'webhook.backoff': 'Backoff base (ms)', 'webhook.timeout': 'Timeout (ms)',

  'template.help': 'A JSON template; strings may use variables (LiquidJS). Empty: the default body.', 'template.valid': 'Valid JSON',
  'template.invalid': 'Invalid JSON: {error}', 'template.defaultBody': 'No template: the default body is sent', 'template.insert': 'Click to insert',
  'template.preview': 'Live preview', 'template.pickCustomer': 'Pick a customer to see the rendered body', 'template.saveFirst': 'Save first to preview per customer',

  'send.title': 'Send message', 'send.group': 'Mass send', 'send.test': 'Test send', 'send.eventWebhook': 'Fixed-event webhooks send by themselves when the event happens and cannot be mass-sent; a test send works.',
  'send.toGroup': 'Group', 'send.pickGroup': 'Pick a group', 'send.groupRequired': 'Pick a group', 'send.memberCount': 'Members: {n}',
  'send.when': 'When', 'send.now': 'Now', 'send.scheduled': 'Scheduled', 'send.scheduledAt': 'Send at ({zone})', 'send.timeRequired': 'Pick a time',
  'send.schedule': 'Schedule', 'send.sendNow': 'Send now', 'send.customer': 'Customer', 'send.customerRequired': 'Pick a customer',
  'send.customerHint': 'Type a name, WeChat nickname or mobile number', 'send.sendTest': 'Send test message', 'send.testResult': 'Test send result',

  'customer.pickPlaceholder': 'Name, WeChat nickname or mobile',

  'sends.title': 'Sends', 'sends.empty': 'No mass sends yet', 'sends.filterStatus': 'Filter by status', 'sends.name': 'Name', 'sends.status': 'Status',
  'sends.progress': 'Progress', 'sends.counters': 'Delivered / failed / total', 'sends.scheduledAt': 'Scheduled', 'sends.startedAt': 'Started', 'sends.completedAt': 'Finished',
  'sends.retryFailed': 'Retry failed', 'sends.cancel': 'Cancel send', 'sends.cancelConfirm': 'Messages not yet sent will not be sent. Cancel?', 'sends.reschedule': 'Reschedule',
  'sends.timeline': 'Messages per minute', 'sends.noTimeline': 'No finished messages yet', 'sends.failedDeliveries': 'Failed messages', 'sends.noFailed': 'No failed messages',
  'sends.counter.total': 'Total', 'sends.counter.pending': 'Pending', 'sends.counter.delivered': 'Delivered', 'sends.counter.failed': 'Failed', 'sends.counter.cancelled': 'Cancelled',

  'broadcast.status.scheduled': 'Scheduled', 'broadcast.status.sending': 'Sending', 'broadcast.status.completed': 'Completed',
  'broadcast.status.completed_with_failures': 'Completed (with failures)', 'broadcast.status.cancelled': 'Cancelled',

  'deliveries.title': 'Delivery log', 'deliveries.empty': 'No messages match',
  'delivery.title': 'Message', 'delivery.status': 'Status', 'delivery.source': 'Source', 'delivery.event': 'Event', 'delivery.customer': 'Customer',
  'delivery.broadcast': 'Mass send', 'delivery.attempts': 'Attempts', 'delivery.nextAttempt': 'Next attempt', 'delivery.messageId': 'Message id',
  'delivery.lastResult': 'Last result', 'delivery.lastError': 'Error', 'delivery.retry': 'Send again', 'delivery.retried': 'Queued to send again',
  'delivery.request': 'Request', 'delivery.requestHeaders': 'Headers', 'delivery.requestBody': 'Body', 'delivery.attemptLog': 'Attempts',
  'delivery.attempt': 'Attempt {n}', 'delivery.responseHeaders': 'Response headers', 'delivery.responseBody': 'Response body', 'delivery.truncated': 'truncated',
  'delivery.attemptHeaders': 'Headers of this attempt (with signatures)', 'delivery.noAttempts': 'Not sent yet',
  'delivery.status.pending': 'Pending', 'delivery.status.sending': 'Sending', 'delivery.status.delivered': 'Delivered', 'delivery.status.failed': 'Failed',
  'delivery.status.cancelled': 'Cancelled',
  'delivery.source.test': 'Test send', 'delivery.source.broadcast': 'Mass send', 'delivery.source.event': 'Fixed event', 'delivery.source.journey': 'Journey',
  'delivery.source.form': 'Form',

  'customers.title': 'Customers', 'customers.empty': 'No customers yet: import a CSV', 'customers.noMatch': 'No customer matches', 'customers.import': 'Import',
  'customers.importHelp': 'Upload CSV (a header line first) or a JSON array; existing customers are updated by mobile, then email; up to 10,000 rows.',
  'customers.chooseFile': 'Choose file', 'customers.name': 'Name', 'customers.wechat': 'WeChat nickname', 'customers.mobile': 'Mobile', 'customers.email': 'Email',
  'customers.activityScore': 'Activity', 'customers.attributes': 'Attributes',
  'customers.report.total': 'Rows', 'customers.report.created': 'Created', 'customers.report.updated': 'Updated', 'customers.report.failed': 'Failed',
  'customers.report.row': 'Row', 'customers.report.errors': 'Errors',

  'groups.title': 'Groups', 'groups.new': 'New group', 'groups.empty': 'No groups yet', 'groups.name': 'Name', 'groups.type': 'Type',
  'groups.type.static': 'Static', 'groups.type.dynamic': 'Dynamic', 'groups.description': 'Description', 'groups.rule': 'Rule',
  'groups.members': 'Members', 'groups.noMembers': 'No members', 'groups.addMember': 'Add a member', 'groups.added': 'Added', 'groups.alreadyMember': 'Already a member',
  'groups.remove': 'Remove', 'groups.removed': 'Removed', 'groups.deleteConfirm': 'Delete this group?',

  'rule.and': 'All of', 'rule.or': 'Any of', 'rule.addCondition': 'Condition', 'rule.addGroup': 'Group', 'rule.present': 'has a value', 'rule.absent': 'has no value',
  'rule.text': 'Text', 'rule.number': 'Number', 'rule.boolean': 'Boolean', 'rule.liveCount': 'Customers matching now', 'rule.fixErrors': 'Fix the rule errors first',
  'rule.field.activityScore': 'Activity score', 'rule.field.name': 'Name', 'rule.field.wechatNickname': 'WeChat nickname', 'rule.field.mobile': 'Mobile',
  'rule.field.email': 'Email', 'rule.field.id': 'Customer id', 'rule.field.createdAt': 'Created', 'rule.field.updatedAt': 'Updated', 'rule.field.attributes': 'Attribute',
  'rule.op.=': '=', 'rule.op.!=': '≠', 'rule.op.>': '>', 'rule.op.>=': '≥', 'rule.op.<': '<', 'rule.op.<=': '≤',
  'rule.op.in': 'is one of', 'rule.op.contains': 'contains', 'rule.op.exists': 'exists',

  'loyalty.title': 'Loyalty', 'loyalty.memberships': 'Members', 'loyalty.levels': 'Levels', 'loyalty.coupons': 'Coupons', 'loyalty.events': 'Event log',
  'loyalty.levelName': 'Level name', 'loyalty.rank': 'Rank (higher is higher)', 'loyalty.addLevel': 'Add level', 'loyalty.noLevels': 'No levels yet',
  'loyalty.enrol': 'Enrol', 'loyalty.enrolGroup': 'Enrol group', 'loyalty.enrolled': 'Enrolled', 'loyalty.enrolledGroup': '{n} enrolled, {skipped} already members',
  'loyalty.filterLevel': 'Filter by level', 'loyalty.noMembers': 'No members yet', 'loyalty.level': 'Level', 'loyalty.points': 'Points',
  'loyalty.levelChanged': 'Level changed: {event}', 'loyalty.levelHint': 'A level change emits loyalty/membership_level_up or _down; subscribed webhooks get a message.',
  'loyalty.manageCodes': 'Codes & dispatch', 'loyalty.newCoupon': 'New coupon', 'loyalty.noCoupons': 'No coupons yet', 'loyalty.couponName': 'Name', 'loyalty.validFrom': 'Valid from', 'loyalty.validTo': 'Valid to',
  'loyalty.validity': 'Validity', 'loyalty.stock': 'Stock', 'loyalty.stockHint': 'Empty: unlimited', 'loyalty.issued': 'Issued', 'loyalty.dispatch': 'Dispatch to group',
  'loyalty.report.dispatched': 'Dispatched', 'loyalty.report.alreadyHolding': 'Already holding', 'loyalty.report.outOfStock': 'Out of stock', 'loyalty.report.notMembers': 'Not members',
  'loyalty.report.notFound': 'Not found', 'loyalty.report.batch': 'Batch', 'loyalty.noCodes': 'No codes yet', 'loyalty.code': 'Code', 'loyalty.membership': 'Membership',
  'loyalty.origin': 'Origin', 'loyalty.origin.dispatch': 'Dispatched', 'loyalty.origin.draw': 'Drawn', 'loyalty.redeemedAt': 'Redeemed',
  'loyalty.eventType': 'Event type', 'loyalty.eventStatus': 'Status', 'loyalty.eventDeliveries': 'Messages', 'loyalty.noEvents': 'No events yet',

  'settings.title': 'Settings', 'settings.apiKeys': 'API keys', 'settings.users': 'Console users', 'settings.keyName': 'Name', 'settings.createKey': 'Create key',
  'settings.prefix': 'Prefix', 'settings.lastUsed': 'Last used', 'settings.state': 'State', 'settings.active': 'Active', 'settings.revokedAt': 'Revoked {at}',
  'settings.revoke': 'Revoke', 'settings.revokeConfirm': 'Systems using this key will lose access. Revoke?', 'settings.revoked': 'Revoked',
  'settings.keyCreated': 'Key created', 'settings.shownOnce': 'The key is shown only this once: copy it now.', 'settings.userName': 'Name', 'settings.addUser': 'Add user',
  'settings.lastLogin': 'Last sign-in', 'settings.you': 'You', 'settings.deleteUserConfirm': 'Delete this user? Their sessions end at once.',

  ...enAutomation,
};
