/**
 * Why a call could not give evidence, in words a distributor can act on. AWS names the same
 * condition differently per protocol (query APIs say `AccessDenied`, JSON APIs
 * `AccessDeniedException`), and a 403 whose body cannot be parsed is still a denial.
 */

const ACCESS_DENIED = new Set([
  "AccessDenied",
  "AccessDeniedException",
  "UnauthorizedOperation",
  "UnauthorizedException",
  "AuthorizationError",
]);
const NOT_AVAILABLE = new Set([
  "UnknownOperationException",
  "InvalidAction",
  "NotImplemented",
  "NotImplementedException",
  "UnsupportedOperation",
  "UnsupportedOperationException",
  "OperationNotSupportedException",
]);
const THROTTLED = new Set([
  "Throttling",
  "ThrottlingException",
  "TooManyRequestsException",
  "RequestLimitExceeded",
]);
const CREDENTIALS = new Set([
  "InvalidClientTokenId",
  "UnrecognizedClientException",
  "ExpiredToken",
  "ExpiredTokenException",
  "CredentialsProviderError",
  "SignatureDoesNotMatch",
]);
const NETWORK = new Set(["ECONNREFUSED", "ECONNRESET", "ENOTFOUND", "EAI_AGAIN", "ETIMEDOUT", "EHOSTUNREACH", "TimeoutError"]);

interface AwsLikeError {
  readonly name?: string;
  readonly code?: string;
  readonly message?: string;
  readonly $metadata?: { readonly httpStatusCode?: number; readonly attempts?: number };
}

/** The error's name as the service sent it. */
export function errorName(err: unknown): string {
  const e = (err ?? {}) as AwsLikeError;
  return e.name ?? e.code ?? "Error";
}

/** The HTTP status of a service error, when it got that far. */
function httpStatus(err: unknown): number | undefined {
  return ((err ?? {}) as AwsLikeError).$metadata?.httpStatusCode;
}

/** One line saying why evidence could not be had, e.g. `access denied: ...`. */
export function reasonOf(err: unknown): string {
  const e = (err ?? {}) as AwsLikeError;
  const name = errorName(err);
  const status = httpStatus(err);
  // A response body the SDK could not parse surfaces as a SyntaxError; the status still tells.
  const unparsed = e.$metadata !== undefined && (name === "SyntaxError" || name === "Error");
  const message = unparsed ? `HTTP ${status ?? "error"}` : firstLine(e.message ?? name);
  if (ACCESS_DENIED.has(name) || (unparsed && status === 403)) return `access denied: ${message}`;
  if (NOT_AVAILABLE.has(name) || status === 501 || (unparsed && status === 404)) return `API not available: ${message}`;
  if (THROTTLED.has(name)) return `throttled after ${e.$metadata?.attempts ?? 1} attempts: ${message}`;
  if (CREDENTIALS.has(name)) return `credentials rejected: ${message}`;
  if (NETWORK.has(name) || (e.code !== undefined && NETWORK.has(e.code))) return `endpoint unreachable: ${e.code ?? name}`;
  return unparsed || name === "Error" ? message : `${name}: ${message}`;
}

function firstLine(text: string): string {
  const line = text.split("\n", 1)[0]!.trim();
  return line.length > 300 ? `${line.slice(0, 297)}...` : line;
}
