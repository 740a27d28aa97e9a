const ERROR_KEYS = new Set(['statusCode', 'error', 'message', 'fields']);
/** Text in an answer that only a leaked stack trace or query would hold. */
const LEAK = /\bat \S+ \(|\.(?:ts|js):\d+|node_modules|QueryFailedError|\bSELECT\b.*\bFROM\b/;

/**
 * What is wrong with an answer to client input (undefined: nothing): a 5xx, a 4xx outside the one
 * error shape `{ statusCode, error, message, fields? }`, a 400 or 422 naming no field, a leak.
 */
export function answerProblem(status: number, text: string): string | undefined {
  if (status >= 500) return 'server error';
  if (status < 400) return undefined;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return '4xx body is not JSON';
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return '4xx body is not an object';
  const b = body as Record<string, unknown>;
  const extra = Object.keys(b).filter((k) => !ERROR_KEYS.has(k));
  if (extra.length) return `4xx body has keys outside the error shape: ${extra.join(', ')}`;
  if (b.statusCode !== status) return `statusCode ${String(b.statusCode)} differs from ${status}`;
  if (typeof b.error !== 'string' || b.error === '') return 'error is not a string';
  if (typeof b.message !== 'string') return 'message is not a string';
  const fields = b.fields;
  if (fields !== undefined) {
    const ok =
      Array.isArray(fields) &&
      fields.every(
        (f) =>
          typeof f === 'object' &&
          f !== null &&
          typeof (f as Record<string, unknown>).path === 'string' &&
          typeof (f as Record<string, unknown>).problem === 'string',
      );
    if (!ok) return 'fields is not a list of { path, problem }';
  }
  if ((status === 400 || status === 422) && !(Array.isArray(fields) && fields.length > 0))
    return `${status} names no field`;
  if (LEAK.test(text)) return 'answer leaks a stack trace or a query';
  return undefined;
}
