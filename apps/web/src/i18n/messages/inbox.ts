import type { Messages } from '../messages';

/** The inbox (待办). */
export const inbox: Messages = {
  'inbox.title': { zh: '待办事项', en: 'Inbox' },
  'inbox.summary': { zh: '共 {count} 项，其中超期 {overdue} 项', en: '{count} items, {overdue} overdue' },
  'inbox.supervision': { zh: '所督办机关的超期事项（仅供监督，不可认领）', en: 'Overdue work of the agencies you supervise (to follow up, not to take)' },
  'inbox.col.due': { zh: '期限届满', en: 'Due' },
  'inbox.col.left': { zh: '剩余时间', en: 'Time left' },
  'inbox.col.case': { zh: '案件', en: 'Case' },
  'inbox.col.party': { zh: '当事人', en: 'Party' },
  'inbox.col.stage': { zh: '阶段', en: 'Stage' },
  'inbox.col.step': { zh: '待办', en: 'Step' },
  'inbox.col.waiting': { zh: '等待自', en: 'Waiting since' },
  'inbox.col.claim': { zh: '认领', en: 'Claimed' },
  'inbox.col.actions': { zh: '操作', en: 'Actions' },
  'inbox.claim': { zh: '认领', en: 'Claim' },
  'inbox.release': { zh: '释放', en: 'Release' },
  'inbox.open': { zh: '办理', en: 'Open' },
  'inbox.empty': { zh: '暂无待办事项', en: 'Nothing waits for you' },
  'inbox.noDeadline': { zh: '无期限', en: 'No clock' },
  'inbox.claimedByYou': { zh: '本人已认领', en: 'Claimed by you' },
  'inbox.claimedBy': { zh: '{user} 已认领', en: 'Claimed by {user}' },
  'inbox.assignedBy': { zh: '{user} 分派', en: 'Assigned by {user}' },
  'inbox.unclaimed': { zh: '未认领', en: 'Unclaimed' },
  'inbox.refresh': { zh: '刷新', en: 'Refresh' },
};
