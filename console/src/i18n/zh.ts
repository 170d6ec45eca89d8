import { zhAutomation } from './zh-automation';

/** 中文 (default). Keys are shared with en.ts, which must have every key (its type is `Messages`). */
export const zh = {
  'nav.webhooks': 'Webhook', 'nav.sends': '发送列表', 'nav.deliveries': '发送记录', 'nav.customers': '客户', 'nav.groups': '群组',
  'nav.loyalty': '会员', 'nav.settings': '设置', 'nav.menu': '菜单', 'nav.logout': '退出',

  'common.actions': '操作', 'common.add': '添加', 'common.back': '返回', 'common.cancel': '取消', 'common.close': '关闭',
  'common.createdAt': '创建时间', 'common.delete': '删除', 'common.deleted': '已删除', 'common.details': '详情', 'common.done': '操作成功',
  'common.edit': '编辑', 'common.empty': '暂无数据', 'common.loadError': '加载失败', 'common.loadMore': '加载更多', 'common.loading': '加载中…',
  'common.retry': '重试', 'common.save': '保存', 'common.saved': '已保存', 'common.serverDefault': '默认',

  'login.subtitle': '登录营销 Webhook 控制台', 'login.email': '邮箱', 'login.password': '密码', 'login.emailRequired': '请输入邮箱',
  'login.passwordRequired': '请输入密码', 'login.submit': '登录', 'login.wrong': '邮箱或密码错误', 'login.tooMany': '尝试次数过多，请稍后再试',

  'webhooks.title': 'Webhook 列表', 'webhooks.new': '新建 Webhook', 'webhooks.empty': '还没有 Webhook，点击“新建 Webhook”开始',
  'webhooks.name': '名称', 'webhooks.triggerType': '触发类型', 'webhooks.trigger.manual': '非固定事件触发', 'webhooks.trigger.event': '固定事件触发',
  'webhooks.enabled': '启用', 'webhooks.lastOutcome': '最近发送', 'webhooks.neverSent': '尚未发送', 'webhooks.send': '发送消息',
  'webhooks.history': '发送记录', 'webhooks.deleteConfirm': '删除该 Webhook？已发送的记录会保留。',

  'webhook.edit': '编辑 Webhook', 'webhook.basics': '基本信息', 'webhook.method': '请求方法', 'webhook.urlHint': '支持 http/https；https://用户名:密码@主机/ 会转为基本身份认证',
  'webhook.events': '订阅事件', 'webhook.security': '鉴权', 'webhook.signatureScheme': '签名方式', 'webhook.noSignature': '不签名',
  'webhook.secret': '秘钥', 'webhook.secretHint': '设置后每条消息都会签名（X-Clab-Hmac-Signature）', 'webhook.secretSet': '已设置：{hint}。留空则保持不变。',
  'webhook.secretUnchanged': '留空保持不变', 'webhook.rotateSecret': '轮换秘钥', 'webhook.newSecret': '新秘钥', 'webhook.graceHours': '旧秘钥保留（小时）',
  'webhook.rotate': '轮换', 'webhook.rotated': '秘钥已轮换', 'webhook.previousSecret': '旧秘钥仍在签名，直到 {until}',
  'webhook.basicAuth': '基本身份认证', 'webhook.username': '用户名', 'webhook.password': '密码', 'webhook.passwordUnchanged': '留空保持原密码',
  'webhook.passwordRequired': '修改用户名时请重新输入密码', 'webhook.headers': '自定义请求头', 'webhook.headerValue': '值', 'webhook.addHeader': '添加请求头',
  'webhook.retypeMasked': '被遮盖的值（••••••）无法回显：修改请求头时请重新输入这些值', 'webhook.body': '消息体模板', 'webhook.delivery': '发送策略',
  'webhook.rateLimit': '每分钟限额', 'webhook.rateLimitHint': '如企业微信机器人 20 条/分钟；留空不限', 'webhook.concurrency': '并发数',
  'circuit.title': '熔断', 'circuit.open': '已熔断', 'circuit.halfOpen': '试探中', 'circuit.close': '恢复发送', 'circuit.closed': '已恢复发送',
  'circuit.closeConfirm': '关闭熔断，让等待中的消息立即发送？', 'circuit.since': '自 {time}', 'circuit.failures': '连续失败 {n} 次',
  'circuit.threshold': '熔断阈值', 'circuit.thresholdHint': '连续失败多少次后暂停发送；0 不熔断', 'circuit.isClosed': '正常',
  'webhook.maxAttempts': '最多尝试次数', 'webhook.backoff': '重试间隔基数 (ms)', 'webhook.timeout': '超时 (ms)',

  'template.help': 'JSON 模板，字符串中可使用变量（LiquidJS）；留空则使用默认消息体。', 'template.valid': 'JSON 格式正确',
  'template.invalid': 'JSON 格式错误：{error}', 'template.defaultBody': '未设置模板：使用默认消息体', 'template.insert': '点击插入',
  'template.preview': '实时预览', 'template.pickCustomer': '选择一位客户查看渲染结果', 'template.saveFirst': '保存后可按客户预览',

  'send.title': '发送消息', 'send.group': '群发', 'send.test': '测试发送', 'send.eventWebhook': '固定事件触发的 Webhook 会在事件发生时自动发送，不能群发；可以测试发送。',
  'send.toGroup': '发送至群组', 'send.pickGroup': '选择群组', 'send.groupRequired': '请选择群组', 'send.memberCount': '群组成员：{n} 人',
  'send.when': '发送时间', 'send.now': '立即发送', 'send.scheduled': '定时发送', 'send.scheduledAt': '发送时间（{zone}）', 'send.timeRequired': '请选择发送时间',
  'send.schedule': '确定定时发送', 'send.sendNow': '立即群发', 'send.customer': '请选择客户', 'send.customerRequired': '请选择客户',
  'send.customerHint': '输入客户姓名、微信昵称或者手机号码', 'send.sendTest': '发送测试消息', 'send.testResult': '测试发送结果',

  'customer.pickPlaceholder': '姓名、微信昵称或手机号',

  'sends.title': '发送列表', 'sends.empty': '还没有群发', 'sends.filterStatus': '按状态筛选', 'sends.name': '名称', 'sends.status': '状态',
  'sends.progress': '进度', 'sends.counters': '成功 / 失败 / 总数', 'sends.scheduledAt': '定时', 'sends.startedAt': '开始时间', 'sends.completedAt': '结束时间',
  'sends.retryFailed': '重发失败消息', 'sends.cancel': '取消发送', 'sends.cancelConfirm': '取消后未发出的消息不再发送，确定？', 'sends.reschedule': '修改发送时间',
  'sends.timeline': '每分钟发送结果', 'sends.noTimeline': '还没有完成的消息', 'sends.failedDeliveries': '失败的消息', 'sends.noFailed': '没有失败的消息',
  'sends.counter.total': '总数', 'sends.counter.pending': '待发送', 'sends.counter.delivered': '成功', 'sends.counter.failed': '失败', 'sends.counter.cancelled': '已取消',

  'broadcast.status.scheduled': '已排期', 'broadcast.status.sending': '发送中', 'broadcast.status.completed': '已完成',
  'broadcast.status.completed_with_failures': '已完成(有失败)', 'broadcast.status.cancelled': '已取消',

  'deliveries.title': '发送记录', 'deliveries.empty': '没有符合条件的消息',
  'delivery.title': '消息详情', 'delivery.status': '状态', 'delivery.source': '来源', 'delivery.event': '事件', 'delivery.customer': '客户',
  'delivery.broadcast': '群发', 'delivery.attempts': '尝试次数', 'delivery.nextAttempt': '下次尝试', 'delivery.messageId': '消息 ID',
  'delivery.lastResult': '最近结果', 'delivery.lastError': '错误', 'delivery.retry': '重新发送', 'delivery.retried': '已重新排队发送',
  'delivery.request': '请求', 'delivery.requestHeaders': '消息头', 'delivery.requestBody': '消息体', 'delivery.attemptLog': '发送尝试',
  'delivery.attempt': '第 {n} 次', 'delivery.responseHeaders': '响应头', 'delivery.responseBody': '服务器响应', 'delivery.truncated': '已截断',
  'delivery.attemptHeaders': '本次请求头（含签名）', 'delivery.noAttempts': '尚未发送',
  'delivery.status.pending': '待发送', 'delivery.status.sending': '发送中', 'delivery.status.delivered': '成功', 'delivery.status.failed': '失败',
  'delivery.status.cancelled': '已取消',
  'delivery.source.test': '测试发送', 'delivery.source.broadcast': '群发', 'delivery.source.event': '固定事件', 'delivery.source.journey': '自动流程',
  'delivery.source.form': '表单提交',

  'customers.title': '客户', 'customers.empty': '还没有客户，可以导入 CSV', 'customers.noMatch': '没有匹配的客户', 'customers.import': '导入客户',
  'customers.importHelp': '上传 CSV（第一行为表头）或 JSON 数组；按手机号、其次邮箱更新已有客户，最多 10,000 行。',
  'customers.chooseFile': '选择文件', 'customers.name': '姓名', 'customers.wechat': '微信昵称', 'customers.mobile': '手机号', 'customers.email': '邮箱',
  'customers.activityScore': '活跃度', 'customers.attributes': '属性',
  'customers.report.total': '总行数', 'customers.report.created': '新建', 'customers.report.updated': '更新', 'customers.report.failed': '失败',
  'customers.report.row': '行', 'customers.report.errors': '错误',

  'groups.title': '群组', 'groups.new': '新建群组', 'groups.empty': '还没有群组', 'groups.name': '名称', 'groups.type': '类型',
  'groups.type.static': '静态群组', 'groups.type.dynamic': '动态群组', 'groups.description': '说明', 'groups.rule': '筛选规则',
  'groups.members': '成员', 'groups.noMembers': '没有成员', 'groups.addMember': '添加成员', 'groups.added': '已添加', 'groups.alreadyMember': '已经是成员',
  'groups.remove': '移除', 'groups.removed': '已移除', 'groups.deleteConfirm': '删除该群组？',

  'rule.and': '全部满足', 'rule.or': '满足任一', 'rule.addCondition': '条件', 'rule.addGroup': '条件组', 'rule.present': '有值', 'rule.absent': '无值',
  'rule.text': '文本', 'rule.number': '数字', 'rule.boolean': '布尔', 'rule.liveCount': '当前符合的客户', 'rule.fixErrors': '请先修正规则中的错误',
  'rule.field.activityScore': '活跃度', 'rule.field.name': '姓名', 'rule.field.wechatNickname': '微信昵称', 'rule.field.mobile': '手机号',
  'rule.field.email': '邮箱', 'rule.field.id': '客户 ID', 'rule.field.createdAt': '创建时间', 'rule.field.updatedAt': '更新时间', 'rule.field.attributes': '自定义属性',
  'rule.op.=': '等于', 'rule.op.!=': '不等于', 'rule.op.>': '大于', 'rule.op.>=': '大于等于', 'rule.op.<': '小于', 'rule.op.<=': '小于等于',
  'rule.op.in': '属于', 'rule.op.contains': '包含', 'rule.op.exists': '是否有值',

  'loyalty.title': '会员', 'loyalty.memberships': '会员', 'loyalty.levels': '等级', 'loyalty.coupons': '优惠券', 'loyalty.events': '事件日志',
  'loyalty.levelName': '等级名称', 'loyalty.rank': '级别（越大越高）', 'loyalty.addLevel': '添加等级', 'loyalty.noLevels': '还没有等级',
  'loyalty.enrol': '加入会员', 'loyalty.enrolGroup': '群组加入会员', 'loyalty.enrolled': '已加入', 'loyalty.enrolledGroup': '加入 {n} 人，跳过已是会员 {skipped} 人',
  'loyalty.filterLevel': '按等级筛选', 'loyalty.noMembers': '还没有会员', 'loyalty.level': '等级', 'loyalty.points': '积分',
  'loyalty.levelChanged': '等级已变更，产生事件 {event}', 'loyalty.levelHint': '修改等级会产生 loyalty/membership_level_up 或 _down 事件，订阅的 Webhook 会收到消息。',
  'loyalty.manageCodes': '券码与发放', 'loyalty.newCoupon': '新建优惠券', 'loyalty.noCoupons': '还没有优惠券', 'loyalty.couponName': '名称', 'loyalty.validFrom': '生效', 'loyalty.validTo': '失效',
  'loyalty.validity': '有效期', 'loyalty.stock': '库存', 'loyalty.stockHint': '留空不限', 'loyalty.issued': '已发放', 'loyalty.dispatch': '发放到群组',
  'loyalty.report.dispatched': '已发放', 'loyalty.report.alreadyHolding': '已持有', 'loyalty.report.outOfStock': '库存不足', 'loyalty.report.notMembers': '非会员',
  'loyalty.report.notFound': '未找到', 'loyalty.report.batch': '批次号', 'loyalty.noCodes': '还没有券码', 'loyalty.code': '券码', 'loyalty.membership': '会员 ID',
  'loyalty.origin': '来源', 'loyalty.origin.dispatch': '系统发放', 'loyalty.origin.draw': '领取', 'loyalty.redeemedAt': '核销时间',
  'loyalty.eventType': '事件类型', 'loyalty.eventStatus': '状态', 'loyalty.eventDeliveries': '消息数', 'loyalty.noEvents': '还没有事件',

  'settings.title': '设置', 'settings.apiKeys': 'API 密钥', 'settings.users': '控制台用户', 'settings.keyName': '名称', 'settings.createKey': '创建密钥',
  'settings.prefix': '前缀', 'settings.lastUsed': '最近使用', 'settings.state': '状态', 'settings.active': '有效', 'settings.revokedAt': '已吊销 {at}',
  'settings.revoke': '吊销', 'settings.revokeConfirm': '吊销后使用该密钥的系统将无法访问，确定？', 'settings.revoked': '已吊销',
  'settings.keyCreated': '密钥已创建', 'settings.shownOnce': '密钥只显示这一次，请立即复制保存。', 'settings.userName': '姓名', 'settings.addUser': '添加用户',
  'settings.lastLogin': '最近登录', 'settings.you': '当前用户', 'settings.deleteUserConfirm': '删除该用户？其登录会话会立即失效。',

  ...zhAutomation,
};

export type Messages = typeof zh;
