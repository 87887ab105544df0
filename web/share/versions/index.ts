import type { CurrentShareFormat, ShareFormat } from './types';
import { v1 } from './v1';

/** Every released format, by version. Add new versions here; never remove one. */
export const SHARE_FORMATS: ReadonlyMap<number, ShareFormat> = new Map([[v1.version, v1]]);

/** The format new links and files use. */
export const CURRENT_FORMAT: CurrentShareFormat = v1;
