/**
 * Node's Buffer knows the 'base64url' encoding (JWTs, ids in URLs); the browser's well-kept copy
 * (the buffer package) does not. Its base64 decoder already reads the URL-safe alphabet, so
 * every method that takes an encoding reads base64url as base64, and toString writes base64 in
 * the URL-safe alphabet without padding, as Node does.
 */
type Encoding = string | undefined;
interface BufferLike {
  toString(encoding?: Encoding, start?: number, end?: number): string;
}
interface BufferClass {
  from(...args: unknown[]): unknown;
  byteLength(...args: unknown[]): number;
  isEncoding(encoding: unknown): boolean;
  prototype: BufferLike & Record<string, unknown>;
}

const isBase64Url = (value: unknown) => typeof value === 'string' && value.toLowerCase() === 'base64url';
const asBase64 = (value: unknown) => (isBase64Url(value) ? 'base64' : value);

/** The methods whose arguments may name an encoding, anywhere after the first. */
const TAKING_AN_ENCODING = ['write', 'fill', 'indexOf', 'lastIndexOf', 'includes'] as const;

export function addBase64Url(buffer: BufferClass): void {
  const { from, byteLength, isEncoding } = buffer;
  buffer.isEncoding = (encoding: unknown) => isBase64Url(encoding) || isEncoding(encoding);
  buffer.from = function (...args: unknown[]) {
    return from.apply(this, typeof args[0] === 'string' ? args.map(asBase64) : args);
  };
  buffer.byteLength = function (...args: unknown[]) {
    return byteLength.apply(this, args.map(asBase64));
  };
  const { prototype } = buffer;
  const toString = prototype.toString;
  prototype.toString = function (this: BufferLike, ...args: [Encoding?, number?, number?]) {
    if (!isBase64Url(args[0])) return toString.apply(this, args);
    return toString
      .call(this, 'base64', args[1], args[2])
      .replace(/\+/g, '-')
      .replace(/\//g, '_')
      .replace(/=+$/, '');
  };
  prototype.toLocaleString = prototype.toString;
  for (const name of TAKING_AN_ENCODING) {
    const method = prototype[name] as (...args: unknown[]) => unknown;
    prototype[name] = function (this: unknown, ...args: unknown[]) {
      return method.apply(
        this,
        args.map((arg, i) => (i === 0 ? arg : asBase64(arg))),
      );
    };
  }
}
