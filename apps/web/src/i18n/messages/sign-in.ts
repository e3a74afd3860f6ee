import type { Messages } from '../messages';

/** The sign-in page and the OIDC callback. */
export const signIn: Messages = {
  'signIn.title': { zh: '登录', en: 'Sign in' },
  'signIn.local.title': { zh: '本地账号（仅限开发与测试）', en: 'Local users (development and tests only)' },
  'signIn.local.hint': {
    zh: '选择一名已登记的人员及其所在机关即可登录，令牌有效期 8 小时。',
    en: 'Pick a registered person at one of their agencies to sign in; the session lasts 8 hours.',
  },
  'signIn.local.none': { zh: '登记册中没有可登录的在岗人员。', en: 'The registry holds no active user to sign in as.' },
  'signIn.local.as': { zh: '以 {name}（{userId}）身份登录：{roles}', en: 'Sign in as {name} ({userId}): {roles}' },
  'signIn.oidc.title': { zh: '统一身份认证', en: 'Identity provider' },
  'signIn.oidc.button': { zh: '通过 {provider} 登录', en: 'Sign in with {provider}' },
  'signIn.oidc.redirecting': { zh: '正在跳转到身份认证服务…', en: 'Going to the identity provider…' },
  'signIn.nothing': { zh: '此服务器未配置任何登录方式，请联系管理员。', en: 'This server offers no way to sign in; ask an administrator.' },
  'signIn.signedInAs': { zh: '当前已登录：{userId}（{agencyId}）', en: 'Signed in as {userId} ({agencyId})' },
  'signIn.continue': { zh: '进入工作台', en: 'Go to my work' },
  'signIn.publicity': { zh: '查看行政执法公示（无需登录）', en: 'Published enforcement decisions (no sign-in)' },
  'signIn.callback.title': { zh: '正在完成登录…', en: 'Finishing sign-in…' },
  'signIn.callback.failed': { zh: '登录未完成', en: 'Sign-in did not finish' },
  'signIn.callback.state': {
    zh: '返回的登录请求与本页发起的不一致，已拒绝。请重新登录。',
    en: 'The answer does not match the sign-in this page started, so it was refused. Sign in again.',
  },
  'signIn.callback.missing': { zh: '没有找到本页发起的登录请求，请重新登录。', en: 'No sign-in was started from this page; sign in again.' },
  'signIn.callback.provider': { zh: '身份认证服务拒绝了登录：{detail}', en: 'The identity provider refused the sign-in: {detail}' },
  'signIn.callback.exchange': { zh: '无法用授权码换取令牌：{detail}', en: 'The code could not be exchanged for a token: {detail}' },
  'signIn.again': { zh: '重新登录', en: 'Sign in again' },
};
