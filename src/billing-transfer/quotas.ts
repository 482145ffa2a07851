/**
 * The billing-transfer quotas of a bill-transfer account, read from Service Quotas (us-east-1).
 * AWS says quota codes may change, so they are found by name with ListServiceQuotas, every
 * page followed: the inbound billing transfers of the account, and the length of a chain.
 */
import { paginateListServiceQuotas, type ServiceQuota, type ServiceQuotasClient } from "@aws-sdk/client-service-quotas";
import type { TransferQuotas } from "../domain/billing-transfer/quotas.ts";

/** The Service Quotas service whose quotas billing transfer's are. */
const SERVICE_CODE = "organizations";

const INBOUND = /inbound.*(billing )?transfer|transfer.*inbound/i;
const CHAIN = /transfer.*(chain|level)|(chain|level).*transfer/i;

export async function readTransferQuotas(client: ServiceQuotasClient): Promise<TransferQuotas> {
  const quotas: ServiceQuota[] = [];
  for await (const page of paginateListServiceQuotas({ client }, { ServiceCode: SERVICE_CODE })) quotas.push(...(page.Quotas ?? []));
  const value = (pattern: RegExp) => quotas.find((q) => q.QuotaName !== undefined && pattern.test(q.QuotaName) && q.Value !== undefined)?.Value;
  const inbound = value(INBOUND);
  const chainLength = value(CHAIN);
  return { ...(inbound === undefined ? {} : { inbound }), ...(chainLength === undefined ? {} : { chainLength }) };
}
