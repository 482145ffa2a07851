/**
 * The Partner Central relationship of a billing-transfer partner: recorded once the customer
 * has accepted, in the program management account that is the partner's bill-transfer account,
 * as an END_CUSTOMER relationship with the inventory's sector, resale model and support plan.
 * Partner discounts follow relationships. Found again by the customer's account, so a second
 * run creates none; the client token makes a retried call create one.
 */
import { createHash } from "node:crypto";
import {
  CreateRelationshipCommand,
  ListProgramManagementAccountsCommand,
  ListRelationshipsCommand,
  type PartnerCentralChannelClient,
  type RelationshipSummary,
  type SupportPlan,
} from "@aws-sdk/client-partnercentral-channel";
import type { RelationshipSettings as Relationship } from "../inventory/schema.ts";

export type Catalog = "AWS" | "Sandbox";

export interface RelationshipFacts {
  readonly id: string;
  readonly arn?: string;
  readonly sector?: string;
}

export class PartnerCentral {
  constructor(
    private readonly client: PartnerCentralChannelClient,
    readonly catalog: Catalog,
  ) {}

  /** The program management account registered for `accountId`, if Partner Central has one. */
  async programManagementAccountId(accountId: string): Promise<string | undefined> {
    const out = await this.client.send(new ListProgramManagementAccountsCommand({ catalog: this.catalog, accountIds: [accountId] }));
    return out.items?.find((a) => a.accountId === accountId && a.id !== undefined)?.id;
  }

  async relationshipOf(programManagementAccount: string, customerAccountId: string): Promise<RelationshipFacts | undefined> {
    let token: string | undefined;
    do {
      const out = await this.client.send(
        new ListRelationshipsCommand({
          catalog: this.catalog,
          associatedAccountIds: [customerAccountId],
          programManagementAccountIdentifiers: [programManagementAccount],
          associationTypes: ["END_CUSTOMER"],
          ...(token === undefined ? {} : { nextToken: token }),
        }),
      );
      const found = (out.items ?? []).find((r: RelationshipSummary) => r.associatedAccountId === customerAccountId && r.id !== undefined);
      if (found) return { id: found.id!, ...(found.arn ? { arn: found.arn } : {}), ...(found.sector ? { sector: found.sector } : {}) };
      token = out.nextToken;
    } while (token !== undefined);
    return undefined;
  }

  async createRelationship(programManagementAccount: string, customerAccountId: string, displayName: string, relationship: Relationship): Promise<RelationshipFacts> {
    const plan = relationship.supportPlan;
    const requestedSupportPlan = plan === undefined ? undefined : ({ [plan]: { coverage: relationship.coverage, tamLocation: relationship.tamLocation } } as unknown as SupportPlan);
    const out = await this.client.send(
      new CreateRelationshipCommand({
        catalog: this.catalog,
        associationType: "END_CUSTOMER",
        programManagementAccountIdentifier: programManagementAccount,
        associatedAccountId: customerAccountId,
        displayName: displayName.slice(0, 100),
        resaleAccountModel: relationship.resaleAccountModel,
        sector: relationship.sector,
        ...(requestedSupportPlan === undefined ? {} : { requestedSupportPlan }),
        clientToken: createHash("sha256").update(`${programManagementAccount}\n${customerAccountId}`).digest("hex").slice(0, 64),
      }),
    );
    const detail = out.relationshipDetail;
    if (detail?.id === undefined) throw new Error("CreateRelationship returned no id");
    return { id: detail.id, ...(detail.arn ? { arn: detail.arn } : {}), sector: relationship.sector };
  }
}
