import type { Messages } from './messages';
import { cases } from './messages/cases';
import { audit } from './messages/audit';
import { common } from './messages/common';
import { inbox } from './messages/inbox';
import { publicity } from './messages/publicity';
import { review } from './messages/review';
import { signIn } from './messages/sign-in';
import { supervision } from './messages/supervision';

/**
 * Every message of the console. Each area keeps its messages in its own file under messages/;
 * add the file here. A key defined twice is a mistake the unit test of this catalog reports.
 */
export const CATALOG_PARTS: readonly Messages[] = [common, signIn, publicity, inbox, cases, review, audit, supervision];

export const CATALOG: Messages = Object.assign({}, ...CATALOG_PARTS) as Messages;
