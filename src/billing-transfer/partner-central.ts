/**
 * The Partner Central relationship of a billing-transfer partner: recorded once the customer
 * has accepted, in the program management account that is the partner's bill-transfer account,
 * as an END_CUSTOMER relationship with the inventory's sector, resale model and support plan.
 * Partner discounts follow relationships. Found again by the customer's account, so a second
 * run creates none; the client token makes a retried call create one.
 */
import { createHash } from "node:crypto";
import {
  CreateChannelHandshakeCommand,
  CreateRelationshipCommand,
  ListChannelHandshakesCommand,
  ListProgramManagementAccountsCommand,
  ListRelationshipsCommand,
  type PartnerCentralChannelClient,
  type RelationshipSummary,
  type SupportPlan,
} from "@aws-sdk/client-partnercentral-channel";
import type { RelationshipSettings as Relationship, ServicePeriodSettings } from "../inventory/schema.ts";

export type Catalog = "AWS" | "Sandbox";

/** A service period proposed to the customer (a START_SERVICE_PERIOD channel handshake). */
export interface ServicePeriodFacts {
  readonly id: string;
  /** PENDING, ACCEPTED, REJECTED, CANCELED or EXPIRED. */
  readonly status: string;
  readonly type?: string;
}

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

  /** The latest service period proposed on the relationship, if any. */
  async servicePeriodOf(relationshipId: string): Promise<ServicePeriodFacts | undefined> {
    const found: { id: string; status: string; type?: string; at: number }[] = [];
    let token: string | undefined;
    do {
      const out = await this.client.send(
        new ListChannelHandshakesCommand({
          catalog: this.catalog,
          handshakeType: "START_SERVICE_PERIOD",
          participantType: "SENDER",
          associatedResourceIdentifiers: [relationshipId],
          ...(token === undefined ? {} : { nextToken: token }),
        }),
      );
      for (const h of out.items ?? []) {
        if (h.id === undefined || h.associatedResourceId !== relationshipId) continue;
        const type = h.detail?.startServicePeriodHandshakeDetail?.servicePeriodType;
        found.push({ id: h.id, status: h.status ?? "PENDING", ...(type ? { type } : {}), at: h.createdAt?.getTime() ?? 0 });
      }
      token = out.nextToken;
    } while (token !== undefined);
    const latest = found.sort((a, b) => b.at - a.at)[0];
    return latest === undefined ? undefined : { id: latest.id, status: latest.status, ...(latest.type ? { type: latest.type } : {}) };
  }

  /** Proposes the service period to the customer; the client token makes a retried call propose one. */
  async proposeServicePeriod(programManagementAccount: string, relationshipId: string, period: ServicePeriodSettings, endDate?: Date): Promise<ServicePeriodFacts> {
    const out = await this.client.send(
      new CreateChannelHandshakeCommand({
        catalog: this.catalog,
        handshakeType: "START_SERVICE_PERIOD",
        associatedResourceIdentifier: relationshipId,
        payload: {
          startServicePeriodPayload: {
            programManagementAccountIdentifier: programManagementAccount,
            servicePeriodType: period.type,
            ...(period.minimumNoticeDays === undefined ? {} : { minimumNoticeDays: String(period.minimumNoticeDays) }),
            ...(endDate === undefined ? {} : { endDate }),
            note: "payerfleet: the service period of the billing transfer",
          },
        },
        clientToken: createHash("sha256").update(`service-period\n${relationshipId}\n${period.type}\n${period.minimumNoticeDays ?? ""}\n${period.endMonth ?? ""}`).digest("hex").slice(0, 64),
      }),
    );
    const id = out.channelHandshakeDetail?.id;
    if (id === undefined) throw new Error("CreateChannelHandshake returned no id");
    return { id, status: "PENDING", type: period.type };
  }
}
