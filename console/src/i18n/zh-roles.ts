/** 中文 for roles: who may do what in the console. en-roles.ts has every key. */
export const zhRoles = {
  'roles.denied': '你的角色（{role}）不能修改',
  'roles.deniedNoRole': '当前密钥没有修改权限',
  'roles.readOnly': '只读：你的角色（{role}）可以查看，不能修改',
  'roles.masked': '已隐藏',
  'roles.maskedHint': '你的角色看不到客户的联系方式',
  'roles.searchNoContact': '姓名或微信昵称',
  'sends.new': '新建群发',
  'sends.pickWebhook': '选择 Webhook',
  'sends.pickWebhookHint': '群发通过一个手动触发（非固定事件触发）的 Webhook 发给一个群组。先选择 Webhook，再选择群组和发送时间。',
  'sends.noManualWebhook': '还没有可用于群发的 Webhook：请先创建一个手动触发的 Webhook 并启用。',
};
