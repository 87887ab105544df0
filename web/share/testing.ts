import { toBase64Url } from './base64url';
import { zlibCompress } from './zlib';

/** Test helper: a v1 link carrying any JSON text, skipping the encoder's checks (as an attacker would). */
export function rawV1Link(json: string): string {
  return `s1.${toBase64Url(zlibCompress(new TextEncoder().encode(json)))}`;
}

/** Test helper: a v1 link carrying any value. */
export const v1LinkOf = (value: unknown): string => rawV1Link(JSON.stringify(value));
