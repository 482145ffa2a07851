/**
 * The clients of one bill-transfer account, through payerfleet's automation role there: the
 * only role billing transfer ever assumes. Shared by the fleet commands' lifecycle and `audit`.
 */
import { OrganizationsClient } from "@aws-sdk/client-organizations";
import { ServiceQuotasClient } from "@aws-sdk/client-service-quotas";
import type { TransferQuotas } from "../domain/billing-transfer/quotas.ts";
import { readTransferQuotas } from "./quotas.ts";
import { PartnerCentralChannelClient } from "@aws-sdk/client-partnercentral-channel";
import { PartnerCentral, type Catalog } from "./partner-central.ts";
import type { STSClient } from "@aws-sdk/client-sts";
import { assumeRole, clientConfig, GLOBAL_REGION, type AwsOptions } from "../aws/sessions.ts";
import { SignedClient } from "../aws/signed-requests.ts";
import { roleArn, sessionName } from "../domain/names.ts";
import { BillingPlane } from "./billing-plane.ts";
import { TransferApi } from "./organizations.ts";
import { InboundTransfers } from "./reconcile.ts";

export interface BillTransferSession {
  readonly inbound: InboundTransfers;
  readonly plane: BillingPlane;
  readonly quotas: () => Promise<TransferQuotas>;
  readonly partnerCentral: PartnerCentral;
  close(): void;
}

export interface BillTransferAccountRef {
  /** The inventory's id of the account, for the session's name in CloudTrail. */
  readonly id: string;
  readonly accountId: string;
  readonly partnerCentralCatalog: Catalog;
}

export async function billTransferSession(
  sts: STSClient,
  account: BillTransferAccountRef,
  automationRoleName: string,
  purpose: string,
  aws: AwsOptions,
  env: NodeJS.ProcessEnv,
): Promise<BillTransferSession> {
  const credentials = await assumeRole(sts, roleArn(account.accountId, automationRoleName), sessionName(purpose, account.id));
  const organizations = new OrganizationsClient({ ...clientConfig(aws, GLOBAL_REGION), credentials });
  const serviceQuotas = new ServiceQuotasClient({ ...clientConfig(aws, GLOBAL_REGION), credentials });
  const channel = new PartnerCentralChannelClient({ ...clientConfig(aws, GLOBAL_REGION), credentials });
  const signed = (signingName: string, endpointEnv: string, defaultEndpoint: string) =>
    new SignedClient({ signingName, endpointEnv, defaultEndpoint, region: GLOBAL_REGION }, credentials, env);
  return {
    inbound: new InboundTransfers(new TransferApi(organizations)),
    plane: new BillingPlane(
      signed("billingconductor", "BILLINGCONDUCTOR", "https://billingconductor.us-east-1.amazonaws.com"),
      signed("billing", "BILLING", "https://billing.us-east-1.api.aws"),
    ),
    quotas: () => readTransferQuotas(serviceQuotas),
    partnerCentral: new PartnerCentral(channel, account.partnerCentralCatalog),
    close: () => {
      organizations.destroy();
      serviceQuotas.destroy();
      channel.destroy();
    },
  };
}
