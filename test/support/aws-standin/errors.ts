/**
 * Errors worded as the real provider reports AWS's refusals: the Terraform provider's
 * "creating IAM Role (name): " prefix, then the AWS SDK's "operation error SERVICE: Operation,
 * https response error StatusCode: 400, RequestID: ..., api error Code: message". Tests match
 * on AWS's own message, which is the last part.
 */
import { requestId } from "./util.ts";

export class AwsError extends Error {
  constructor(
    /** AWS's error code, e.g. `ValidationError`, `EntityAlreadyExists`. */
    readonly awsCode: string,
    /** AWS's message, without the code. */
    readonly awsMessage: string,
    message: string,
  ) {
    super(message);
    this.name = "AwsError";
    // The SDK's provider server prints `${e}: ${e.stack}` for failed calls, which the engine
    // shows; a JavaScript stack there would only bury AWS's message.
    this.stack = `${this.name}: ${message}`;
  }
}

export interface ApiCall {
  /** What the Terraform provider says it was doing, e.g. `creating IAM Role (payerfleet-x)`. */
  doing: string;
  /** The AWS SDK's service name, e.g. `IAM`, `Organizations`, `EventBridge`. */
  service: string;
  operation: string;
}

/** An AWS API refusal, worded as the real provider prints it. */
export function apiError(call: ApiCall, code: string, message: string, statusCode = 400): AwsError {
  return new AwsError(
    code,
    message,
    `${call.doing}: operation error ${call.service}: ${call.operation}, https response error StatusCode: ${statusCode}, ` +
      `RequestID: ${requestId()}, api error ${code}: ${message}`,
  );
}

/** A failure of the stand-in itself (a type or function it does not emulate, a bad seed). */
export class StandinError extends Error {
  constructor(message: string) {
    super(`aws stand-in: ${message}`);
    this.name = "StandinError";
    this.stack = `${this.name}: ${this.message}`;
  }
}

/** AWS's wording for a length or pattern violation (the "1 validation error detected" family). */
export function lengthAtMost(field: string, value: string, max: number): string {
  return `1 validation error detected: Value '${value}' at '${field}' failed to satisfy constraint: Member must have length less than or equal to ${max}`;
}

export function lengthAtLeast(field: string, value: string, min: number): string {
  return `1 validation error detected: Value '${value}' at '${field}' failed to satisfy constraint: Member must have length greater than or equal to ${min}`;
}

export function patternMismatch(field: string, value: string, pattern: string): string {
  return `1 validation error detected: Value '${value}' at '${field}' failed to satisfy constraint: Member must satisfy regular expression pattern: ${pattern}`;
}
