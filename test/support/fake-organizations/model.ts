/**
 * AWS Organizations' billing-transfer API as the documentation describes it, in memory, for the
 * bill-transfer account's side and the customer's. Shapes are the SDK's own types, so a field
 * name that drifts from the service model fails to compile. Enforced: month-boundary start and
 * end dates against an injected clock, the acceptance deadline, pages of at most 20 that may
 * come back empty with a NextToken, the inbound quota (an invitation counts until it ends), the
 * documented failure reasons, and one-way withdrawal by either side.
 * Sources: ../../../../shared/docs/BILLING-TRANSFER.md; Organizations API reference.
 */
import type {
  Handshake,
  InviteOrganizationToTransferResponsibilityRequest,
  InviteOrganizationToTransferResponsibilityResponse,
  ListInboundResponsibilityTransfersRequest,
  ListInboundResponsibilityTransfersResponse,
  ResponsibilityTransfer,
  TerminateResponsibilityTransferRequest,
  TerminateResponsibilityTransferResponse,
  CancelHandshakeRequest,
  CancelHandshakeResponse,
  DescribeResponsibilityTransferRequest,
  DescribeResponsibilityTransferResponse,
} from "@aws-sdk/client-organizations";

/** An error as the service returns it: its exception name, message and reason. */
export class ServiceError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly reason?: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

/** What the customer's organization is like: each flag is a documented reason to refuse. */
export interface CustomerOrganization {
  readonly email: string;
  allFeatures?: boolean;
  legacyPermissions?: boolean;
  unusedPrepayment?: boolean;
  otherSellerOfRecord?: boolean;
  emailUnverified?: boolean;
}

const PAGE = 20;

/** A billing view as the Billing API lists it (BillingViewListElement; no SDK client exists to take types from). */
export interface BillingView {
  arn: string;
  name: string;
  ownerAccountId: string;
  sourceAccountId: string;
  billingViewType: "BILLING_TRANSFER" | "BILLING_TRANSFER_SHOWBACK" | "PRIMARY" | "CUSTOM" | "BILLING_GROUP";
}

/** A billing group as Billing Conductor lists it (BillingGroupListElement, with AccountGrouping's transfer ARN). */
export interface BillingGroup {
  Arn: string;
  Name: string;
  PrimaryAccountId?: string;
  ComputationPreference: { PricingPlanArn: string };
  AccountGrouping: { ResponsibilityTransferArn: string };
  Status: "ACTIVE";
  owner: string;
  clientToken?: string;
}

/** The pricing plans AWS manages, in every account. */
export const MANAGED_PLAN_ARNS = {
  BasicPricingPlan: "arn:aws:billingconductor::aws:pricingplan/BasicPricingPlan",
  Passthrough: "arn:aws:billingconductor::aws:pricingplan/Passthrough",
};
const DAY = 24 * 60 * 60 * 1000;

function monthStart(d: Date): boolean {
  return d.getUTCDate() === 1 && d.getUTCHours() === 0 && d.getUTCMinutes() === 0 && d.getUTCSeconds() === 0 && d.getUTCMilliseconds() === 0;
}

function monthEnd(d: Date): boolean {
  return monthStart(new Date(d.getTime() + 1));
}

export class FakeOrganizations {
  now: () => Date = () => new Date();
  readonly transfers = new Map<string, ResponsibilityTransfer>();
  readonly handshakes = new Map<string, Handshake>();
  readonly customers = new Map<string, CustomerOrganization>();
  /** The inbound quota of each bill-transfer account (Service Quotas): 0 by default, as AWS's. */
  readonly inboundQuota = new Map<string, number>();
  /** Every call, by operation name, for tests to assert what was (not) called. */
  readonly calls: { operation: string; caller: string; input: unknown; service?: string }[] = [];
  /** Billing views: AWS makes two managed ones per accepted transfer, kept after a withdrawal. */
  readonly views: BillingView[] = [];
  readonly billingGroups: BillingGroup[] = [];
  /** Partner Central: program management accounts by account id, and the relationships recorded. */
  readonly programManagementAccounts = new Map<string, string>();
  readonly relationships: { id: string; arn: string; catalog: string; programManagementAccountId: string; associatedAccountId: string; associationType: string; displayName: string; sector: string; resaleAccountModel?: string; requestedSupportPlan?: unknown; clientToken?: string }[] = [];
  /** Partner Central channel handshakes sent (START_SERVICE_PERIOD proposals). */
  readonly channelHandshakes: { id: string; handshakeType: string; catalog: string; senderAccountId: string; associatedResourceId: string; status: string; payload: unknown; createdAt: Date; clientToken?: string }[] = [];
  /** Custom pricing plans, by name, in the bill-transfer account. */
  readonly customPlans = new Map<string, string>();
  /** Lists answer this many empty pages (with a NextToken) before each real page. */
  emptyPages = 0;
  private next = 1;

  private id(prefix: string): string {
    return `${prefix}${String(this.next++).padStart(12, "0")}`;
  }

  /** The live transfers into `account`: a sent invitation counts until it ends. */
  private inbound(account: string): ResponsibilityTransfer[] {
    return [...this.transfers.values()].filter((t) => t.Target?.ManagementAccountId === account && (t.Status === "REQUESTED" || (t.Status === "ACCEPTED" && (t.EndTimestamp === undefined || t.EndTimestamp > this.now()))));
  }

  /** Serves one call; `service` is the signing name of the request's credential scope. */
  handle(operation: string, caller: string, input: Record<string, unknown>, service?: string): unknown {
    this.calls.push({ operation, caller, input, ...(service === undefined ? {} : { service }) });
    this.expire();
    switch (operation) {
      case "InviteOrganizationToTransferResponsibility":
        return this.invite(caller, input as unknown as InviteOrganizationToTransferResponsibilityRequest);
      case "ListInboundResponsibilityTransfers":
        return this.listInbound(caller, input as unknown as ListInboundResponsibilityTransfersRequest);
      case "DescribeResponsibilityTransfer":
        return this.describe(caller, input as unknown as DescribeResponsibilityTransferRequest);
      case "CancelHandshake":
        return this.cancel(caller, input as unknown as CancelHandshakeRequest);
      case "TerminateResponsibilityTransfer":
        return this.terminate(caller, input as unknown as TerminateResponsibilityTransferRequest);
      case "ListProgramManagementAccounts": {
        const ids = (input["accountIds"] as string[] | undefined) ?? [...this.programManagementAccounts.keys()];
        return { items: ids.filter((a) => this.programManagementAccounts.has(a) && a === caller).map((accountId) => ({ id: this.programManagementAccounts.get(accountId), accountId, catalog: input["catalog"], program: "DISTRIBUTION", status: "ACTIVE" })) };
      }
      case "ListRelationships": {
        const accounts = input["associatedAccountIds"] as string[] | undefined;
        const pmas = input["programManagementAccountIdentifiers"] as string[] | undefined;
        const items = this.relationships.filter((r) => r.catalog === input["catalog"] && (accounts === undefined || accounts.includes(r.associatedAccountId)) && (pmas === undefined || pmas.includes(r.programManagementAccountId)));
        return { items: items.map(({ clientToken: _, requestedSupportPlan: __, ...r }) => structuredClone(r)) };
      }
      case "CreateRelationship": {
        const pma = String(input["programManagementAccountIdentifier"]);
        if (this.programManagementAccounts.get(caller) !== pma) throw new ServiceError("ResourceNotFoundException", `program management account ${pma} not found`, undefined, 404);
        const same = this.relationships.find((r) => r.programManagementAccountId === pma && r.associatedAccountId === input["associatedAccountId"]);
        if (same !== undefined) {
          if (same.clientToken === input["clientToken"]) return { relationshipDetail: { id: same.id, arn: same.arn } };
          throw new ServiceError("ConflictException", `a relationship with ${String(input["associatedAccountId"])} exists`, undefined, 409);
        }
        const id = `rs-${String(this.next++).padStart(12, "0")}`;
        const arn = `arn:aws:partnercentral:us-east-1:${caller}:catalog/${String(input["catalog"])}/relationship/${id}`;
        this.relationships.push({
          id,
          arn,
          catalog: String(input["catalog"]),
          programManagementAccountId: pma,
          associatedAccountId: String(input["associatedAccountId"]),
          associationType: String(input["associationType"]),
          displayName: String(input["displayName"]),
          sector: String(input["sector"]),
          ...(input["resaleAccountModel"] === undefined ? {} : { resaleAccountModel: String(input["resaleAccountModel"]) }),
          ...(input["requestedSupportPlan"] === undefined ? {} : { requestedSupportPlan: input["requestedSupportPlan"] }),
          ...(input["clientToken"] === undefined ? {} : { clientToken: String(input["clientToken"]) }),
        });
        return { relationshipDetail: { id, arn } };
      }
      case "CreateChannelHandshake": {
        const resource = String(input["associatedResourceIdentifier"]);
        if (!this.relationships.some((r) => r.id === resource)) throw new ServiceError("ResourceNotFoundException", `relationship ${resource} not found`, undefined, 404);
        const same = this.channelHandshakes.find((h) => h.clientToken !== undefined && h.clientToken === input["clientToken"]);
        if (same !== undefined) return { channelHandshakeDetail: { id: same.id } };
        const id = `ch-${String(this.next++).padStart(12, "0")}`;
        this.channelHandshakes.push({
          id,
          handshakeType: String(input["handshakeType"]),
          catalog: String(input["catalog"]),
          senderAccountId: caller,
          associatedResourceId: resource,
          status: "PENDING",
          payload: input["payload"],
          createdAt: this.now(),
          ...(input["clientToken"] === undefined ? {} : { clientToken: String(input["clientToken"]) }),
        });
        return { channelHandshakeDetail: { id } };
      }
      case "ListChannelHandshakes": {
        const resources = input["associatedResourceIdentifiers"] as string[] | undefined;
        const items = this.channelHandshakes.filter(
          (h) => h.handshakeType === input["handshakeType"] && h.catalog === input["catalog"] && (input["participantType"] !== "SENDER" || h.senderAccountId === caller) && (resources === undefined || resources.includes(h.associatedResourceId)),
        );
        return {
          items: items.map((h) => {
            const start = (h.payload as { startServicePeriodPayload?: { servicePeriodType?: string } } | undefined)?.startServicePeriodPayload;
            // Partner Central's JSON protocol writes timestamps as RFC 3339 strings, not epoch seconds.
            return { id: h.id, catalog: h.catalog, handshakeType: h.handshakeType, senderAccountId: h.senderAccountId, associatedResourceId: h.associatedResourceId, status: h.status, createdAt: h.createdAt.toISOString(), detail: { startServicePeriodHandshakeDetail: { servicePeriodType: start?.servicePeriodType } } };
          }),
        };
      }
      case "ListServiceQuotas":
        return this.listQuotas(caller, input);
      case "ListBillingViews":
        return this.listViews(caller, input);
      case "/list-pricing-plans":
        return { PricingPlans: [...Object.entries(MANAGED_PLAN_ARNS), ...this.customPlans].map(([Name, Arn]) => ({ Name, Arn })) };
      case "/list-billing-groups":
        return this.listGroups(caller, input);
      case "/create-billing-group":
        return this.createGroup(caller, input);
      case "/update-billing-group":
        return this.updateGroup(caller, input);
      default:
        throw new ServiceError("UnsupportedAPIEndpointException", `the fake does not serve ${operation}`);
    }
  }

  /** An invitation not accepted by its start's deadline expires. */
  private expire(): void {
    for (const t of this.transfers.values()) {
      if (t.Status === "REQUESTED" && this.now().getTime() >= t.StartTimestamp!.getTime() - DAY) {
        t.Status = "EXPIRED";
        const h = this.handshakes.get(t.ActiveHandshakeId!);
        if (h) h.State = "EXPIRED";
      }
    }
  }

  private invite(caller: string, input: InviteOrganizationToTransferResponsibilityRequest): InviteOrganizationToTransferResponsibilityResponse {
    const start = input.StartTimestamp;
    if (input.Type !== "BILLING") throw new ServiceError("InvalidInputException", "Type must be BILLING", "INVALID_ENUM");
    if (input.SourceName === undefined || !/^[\x20-\x7e]{1,128}$/.test(input.SourceName)) throw new ServiceError("InvalidInputException", "SourceName must be 1-128 printable ASCII characters", "INVALID_PATTERN");
    if (start === undefined) throw new ServiceError("InvalidInputException", "StartTimestamp is required", "INPUT_REQUIRED");
    if (start.getUTCDate() !== 1) throw new ServiceError("InvalidInputException", "The start date must be the first day of a month", "START_DATE_NOT_BEGINNING_OF_MONTH");
    if (!monthStart(start)) throw new ServiceError("InvalidInputException", "The start date must be the beginning of a day", "START_DATE_NOT_BEGINNING_OF_DAY");
    if (start.getTime() - DAY <= this.now().getTime()) throw new ServiceError("InvalidInputException", "The start date is too early", "START_DATE_TOO_EARLY");
    if (start.getTime() > this.now().getTime() + 366 * DAY) throw new ServiceError("InvalidInputException", "The start date is too late", "START_DATE_TOO_LATE");
    const target = input.Target?.Id ?? "";
    if (target === caller) throw new ServiceError("HandshakeConstraintViolationException", "The source and target cannot match", "SOURCE_AND_TARGET_CANNOT_MATCH");
    const customer = this.customers.get(target);
    if (customer === undefined) throw new ServiceError("AccountNotFoundException", `account ${target} not found`);
    const refusal = customer.legacyPermissions
      ? "LEGACY_PERMISSIONS_STILL_IN_USE"
      : customer.unusedPrepayment
        ? "UNUSED_PREPAYMENT_BALANCE"
        : customer.otherSellerOfRecord
          ? "ORGANIZATION_FROM_DIFFERENT_SELLER_OF_RECORD"
          : customer.emailUnverified
            ? "MANAGEMENT_ACCOUNT_EMAIL_NOT_VERIFIED"
            : undefined;
    if (refusal !== undefined) throw new ServiceError("HandshakeConstraintViolationException", `The handshake violates a constraint: ${refusal}`, refusal);
    if (customer.allFeatures === false) throw new ServiceError("ConstraintViolationException", "The organization is not in all features mode", "ORGANIZATION_NOT_IN_ALL_FEATURES_MODE");
    const live = [...this.transfers.values()].some((t) => t.Source?.ManagementAccountId === target && ["REQUESTED", "ACCEPTED"].includes(t.Status!) && (t.EndTimestamp === undefined || t.EndTimestamp > this.now()));
    if (live) throw new ServiceError("HandshakeConstraintViolationException", "A responsibility transfer already exists", "RESPONSIBILITY_TRANSFER_ALREADY_EXISTS");
    if (this.inbound(caller).length >= (this.inboundQuota.get(caller) ?? 0)) {
      throw new ServiceError("ConstraintViolationException", "You have reached the maximum number of inbound transfers", "RESPONSIBILITY_TRANSFER_MAX_INBOUND_QUOTA_VIOLATION");
    }
    const transferId = this.id("rt-");
    const handshakeId = this.id("h-");
    const transfer: ResponsibilityTransfer = {
      Arn: `arn:aws:organizations::${caller}:responsibilitytransfer/o-bta/billing/inbound/${transferId}`,
      Name: input.SourceName,
      Id: transferId,
      Type: "BILLING",
      Status: "REQUESTED",
      Source: { ManagementAccountId: target, ManagementAccountEmail: customer.email },
      Target: { ManagementAccountId: caller, ManagementAccountEmail: `billing@${caller}.example` },
      StartTimestamp: start,
      ActiveHandshakeId: handshakeId,
    };
    const handshake: Handshake = {
      Id: handshakeId,
      Arn: `arn:aws:organizations::${caller}:handshake/o-bta/transfer_responsibility/${handshakeId}`,
      Parties: [
        { Id: caller, Type: "ACCOUNT" },
        { Id: target, Type: "ACCOUNT" },
      ],
      State: "OPEN",
      RequestedTimestamp: this.now(),
      ExpirationTimestamp: new Date(start.getTime() - DAY),
      Action: "TRANSFER_RESPONSIBILITY",
      Resources: [
        { Type: "RESPONSIBILITY_TRANSFER", Value: transferId },
        { Type: "TRANSFER_START_TIMESTAMP", Value: start.toISOString() },
      ],
    };
    this.transfers.set(transferId, transfer);
    this.handshakes.set(handshakeId, handshake);
    return { Handshake: structuredClone(handshake) };
  }

  private listInbound(caller: string, input: ListInboundResponsibilityTransfersRequest): ListInboundResponsibilityTransfersResponse {
    if ((input.MaxResults ?? PAGE) > PAGE) throw new ServiceError("InvalidInputException", "MaxResults must be at most 20", "INVALID_LIST_MEMBER");
    const all = [...this.transfers.values()].filter((t) => t.Target?.ManagementAccountId === caller);
    // Tokens: `e<n>:<offset>` for an empty page still to give before the page at offset.
    const [empties, offset] = input.NextToken === undefined ? [this.emptyPages, 0] : input.NextToken.slice(1).split(":").map(Number) as [number, number];
    if (empties > 0) return { ResponsibilityTransfers: [], NextToken: `e${empties - 1}:${offset}` };
    const size = Math.min(input.MaxResults ?? PAGE, PAGE);
    const page = all.slice(offset, offset + size);
    const more = offset + size < all.length;
    return { ResponsibilityTransfers: structuredClone(page), ...(more ? { NextToken: `e${this.emptyPages}:${offset + size}` } : {}) };
  }

  private own(caller: string, id: string | undefined): ResponsibilityTransfer {
    const t = id === undefined ? undefined : this.transfers.get(id);
    if (t === undefined || (t.Target?.ManagementAccountId !== caller && t.Source?.ManagementAccountId !== caller)) {
      throw new ServiceError("ResponsibilityTransferNotFoundException", `responsibility transfer ${id} not found`);
    }
    return t;
  }

  private describe(caller: string, input: DescribeResponsibilityTransferRequest): DescribeResponsibilityTransferResponse {
    return { ResponsibilityTransfer: structuredClone(this.own(caller, input.Id)) };
  }

  private cancel(caller: string, input: CancelHandshakeRequest): CancelHandshakeResponse {
    const h = input.HandshakeId === undefined ? undefined : this.handshakes.get(input.HandshakeId);
    if (h === undefined || h.Parties?.[0]?.Id !== caller) throw new ServiceError("HandshakeNotFoundException", `handshake ${input.HandshakeId} not found`);
    if (h.State !== "OPEN" && h.State !== "REQUESTED") throw new ServiceError("InvalidHandshakeTransitionException", `handshake ${h.Id} is ${h.State}`);
    h.State = "CANCELED";
    const transferId = h.Resources?.find((r) => r.Type === "RESPONSIBILITY_TRANSFER")?.Value;
    const t = transferId === undefined ? undefined : this.transfers.get(transferId);
    if (t) t.Status = "CANCELED";
    return { Handshake: structuredClone(h) };
  }

  private terminate(caller: string, input: TerminateResponsibilityTransferRequest): TerminateResponsibilityTransferResponse {
    const t = this.own(caller, input.Id);
    if (t.Status !== "ACCEPTED" || (t.EndTimestamp !== undefined)) {
      throw new ServiceError("InvalidResponsibilityTransferTransitionException", `transfer ${t.Id} is ${t.Status}${t.EndTimestamp ? ", already withdrawn" : ""}: it cannot be withdrawn`);
    }
    const end = input.EndTimestamp ?? new Date(Date.UTC(this.now().getUTCFullYear(), this.now().getUTCMonth() + 1, 1) - 1);
    if (!monthEnd(end)) throw new ServiceError("InvalidInputException", "The end date must be the end of a month", "END_DATE_NOT_END_OF_MONTH");
    if (end.getTime() < this.now().getTime() || end.getTime() < t.StartTimestamp!.getTime()) throw new ServiceError("InvalidInputException", "The end date is too early", "END_DATE_TOO_EARLY");
    t.EndTimestamp = end;
    t.Status = "WITHDRAWN";
    return { ResponsibilityTransfer: structuredClone(t) };
  }

  /** Service Quotas: the account's inbound quota and the chain length, under names AWS may word differently. */
  private listQuotas(caller: string, input: Record<string, unknown>): unknown {
    if (input["ServiceCode"] !== "organizations") return { Quotas: [] };
    const quota = (QuotaCode: string, QuotaName: string, Value: number) => ({ ServiceCode: "organizations", QuotaCode, QuotaName, Value, Unit: "None" });
    return {
      Quotas: [
        quota("L-FAKE0001", "Maximum number of accounts in an organization", 10),
        quota("L-FAKE0002", "Maximum inbound billing transfers per account", this.inboundQuota.get(caller) ?? 0),
        quota("L-FAKE0003", "Maximum length of a billing transfer chain", 1),
      ],
    };
  }

  private listViews(caller: string, input: Record<string, unknown>): unknown {
    const types = input["billingViewTypes"] as string[] | undefined;
    const source = input["sourceAccountId"] as string | undefined;
    const views = this.views.filter((v) => v.ownerAccountId === caller && (types === undefined || types.includes(v.billingViewType)) && (source === undefined || v.sourceAccountId === source));
    return { billingViews: structuredClone(views) };
  }

  private listGroups(caller: string, input: Record<string, unknown>): unknown {
    const arns = (input["Filters"] as { ResponsibilityTransferArns?: string[] } | undefined)?.ResponsibilityTransferArns;
    const groups = this.billingGroups.filter((g) => g.owner === caller && (arns === undefined || arns.includes(g.AccountGrouping.ResponsibilityTransferArn)));
    return { BillingGroups: groups.map(({ owner: _, clientToken: __, ...g }) => structuredClone(g)) };
  }

  private createGroup(caller: string, input: Record<string, unknown>): unknown {
    const grouping = input["AccountGrouping"] as { ResponsibilityTransferArn?: string } | undefined;
    const arn = grouping?.ResponsibilityTransferArn;
    // What the SDK's 3.523 serializer would do: no transfer ARN, so AWS asks for a primary account.
    if (arn === undefined) throw new ServiceError("ValidationException", "PrimaryAccountId is required when no ResponsibilityTransferArn is given");
    const transfer = [...this.transfers.values()].find((t) => t.Arn === arn && t.Target?.ManagementAccountId === caller);
    if (transfer === undefined) throw new ServiceError("ResourceNotFoundException", `responsibility transfer ${arn} not found`, undefined, 404);
    if (transfer.Status !== "ACCEPTED") throw new ServiceError("ValidationException", `responsibility transfer ${transfer.Id} is ${transfer.Status}, not ACCEPTED`);
    const plan = (input["ComputationPreference"] as { PricingPlanArn?: string } | undefined)?.PricingPlanArn ?? "";
    if (![...Object.values(MANAGED_PLAN_ARNS), ...this.customPlans.values()].includes(plan)) throw new ServiceError("ValidationException", `pricing plan ${plan} not found`);
    const token = input["__clientToken"] as string | undefined;
    const same = this.billingGroups.find((g) => g.AccountGrouping.ResponsibilityTransferArn === arn);
    if (same !== undefined) {
      if (token !== undefined && same.clientToken === token) return { Arn: same.Arn };
      throw new ServiceError("ConflictException", `the transfer ${transfer.Id} already has billing group ${same.Name}`, undefined, 409);
    }
    const group: BillingGroup = {
      Arn: `arn:aws:billingconductor::${caller}:billinggroup/${String(this.next++).padStart(12, "0")}`,
      Name: String(input["Name"]),
      ComputationPreference: { PricingPlanArn: plan },
      AccountGrouping: { ResponsibilityTransferArn: arn },
      Status: "ACTIVE",
      owner: caller,
      ...(token === undefined ? {} : { clientToken: token }),
    };
    this.billingGroups.push(group);
    return { Arn: group.Arn };
  }

  private updateGroup(caller: string, input: Record<string, unknown>): unknown {
    const group = this.billingGroups.find((g) => g.Arn === input["Arn"] && g.owner === caller);
    if (group === undefined) throw new ServiceError("ResourceNotFoundException", `billing group ${String(input["Arn"])} not found`, undefined, 404);
    const plan = (input["ComputationPreference"] as { PricingPlanArn?: string } | undefined)?.PricingPlanArn;
    if (plan !== undefined) group.ComputationPreference = { PricingPlanArn: plan };
    return { Arn: group.Arn };
  }

  // The customer's side: what the tests do as the customer's administrator.

  /** The customer accepts the open invitation of `transferId` (AcceptHandshake), before its deadline. */
  accept(transferId: string): void {
    this.expire();
    const t = this.transfers.get(transferId)!;
    const h = this.handshakes.get(t.ActiveHandshakeId!)!;
    if (h.State !== "OPEN") throw new ServiceError("InvalidHandshakeTransitionException", `handshake ${h.Id} is ${h.State}`);
    h.State = "ACCEPTED";
    t.Status = "ACCEPTED";
    // AWS makes the bill-transfer side's two managed views of the transfer.
    const owner = t.Target!.ManagementAccountId!;
    const source = t.Source!.ManagementAccountId!;
    for (const type of ["BILLING_TRANSFER", "BILLING_TRANSFER_SHOWBACK"] as const) {
      this.views.push({ arn: `arn:aws:billing::${owner}:billingview/${type.toLowerCase()}-${source}`, name: `${type} ${source}`, ownerAccountId: owner, sourceAccountId: source, billingViewType: type });
    }
  }

  decline(transferId: string): void {
    const t = this.transfers.get(transferId)!;
    this.handshakes.get(t.ActiveHandshakeId!)!.State = "DECLINED";
    t.Status = "DECLINED";
  }

  /** The customer withdraws (TerminateResponsibilityTransfer from the source side). */
  withdrawAsCustomer(transferId: string, end: Date): void {
    const t = this.transfers.get(transferId)!;
    this.terminate(t.Source!.ManagementAccountId!, { Id: transferId, EndTimestamp: end });
  }
}
