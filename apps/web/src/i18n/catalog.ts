import type { Messages } from './messages';
import { common } from './messages/common';

/**
 * Every message of the console. Each area keeps its messages in its own file under messages/;
 * add the file here. A key defined twice is a mistake the unit test of this catalog reports.
 */
export const CATALOG_PARTS: readonly Messages[] = [common];

export const CATALOG: Messages = Object.assign({}, ...CATALOG_PARTS) as Messages;
