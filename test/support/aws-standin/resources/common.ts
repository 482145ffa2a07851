/**
 * What several resource emulations share: how the real provider words a failed call, and the
 * tags every taggable resource reports.
 */
import { apiError, type ApiCall, type AwsError } from "../errors.ts";
import type { ResourceType } from "../types.ts";
import type { Props } from "../util.ts";

type Api = Pick<ResourceType, "api">;

export function creating(rt: Api, name: string): ApiCall {
  return { doing: `creating ${rt.api.noun} (${name})`, service: rt.api.service, operation: rt.api.create };
}

export function updating(rt: Api, id: string): ApiCall {
  return { doing: `updating ${rt.api.noun} (${id})`, service: rt.api.service, operation: rt.api.update };
}

export function deleting(rt: Api, id: string, operation: string): ApiCall {
  return { doing: `deleting ${rt.api.noun} (${id})`, service: rt.api.service, operation };
}

/** Throws AWS's refusal of a call. */
export function refuse(call: ApiCall, code: string, message: string, statusCode = 400): never {
  const error: AwsError = apiError(call, code, message, statusCode);
  throw error;
}

/** `tagsAll`, as the provider reports it: the resource's tags (provider default tags are not emulated). */
export function withTags(properties: Props): Props {
  return { ...properties, tagsAll: properties["tags"] ?? {} };
}

export function timestamp(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
}

export function str(value: unknown): string {
  return typeof value === "string" ? value : value === undefined || value === null ? "" : String(value);
}
