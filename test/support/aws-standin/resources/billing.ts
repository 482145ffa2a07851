/**
 * Billing views (id: the view's ARN, `billingview/custom-<uuid>`) and budgets (id:
 * `ACCOUNT:NAME`, as the real provider's). Replacements as the Terraform provider's schemas
 * have them, from knowledge of internal/service/billing/view.go and budgets/budget.go: a view's
 * name and a budget's name and account force a new resource; a view's source views and a
 * budget's billing view too (budgets.go: billing_view_arn ForceNew).
 */
import { randomUUID } from "node:crypto";
import { recordsOf } from "../records.ts";
import type { ResourceType } from "../types.ts";
import { creating, refuse, str, withTags } from "./common.ts";

const VIEW = "aws:billing/view:View";

export const billingView: ResourceType = {
  token: VIEW,
  api: { service: "Billing", noun: "Billing View", create: "CreateBillingView", update: "UpdateBillingView" },
  regional: false,
  inputs: ["name", "description", "sourceViews", "dataFilterExpression", "tags"],
  forceNew: ["name", "sourceViews"],
  required: ["name"],
  create(ctx, inputs) {
    const name = str(inputs["name"]);
    if (!/^[ a-zA-Z0-9_+=.\-@]{1,128}$/.test(name)) refuse(creating(billingView, name), "ValidationException", `name ${name} does not match the pattern`);
    if (recordsOf(ctx, VIEW).some((r) => r.properties["name"] === name)) refuse(creating(billingView, name), "ConflictException", `A billing view named ${name} already exists`, 409);
    const arn = `arn:aws:billing::${ctx.scope.accountId}:billingview/custom-${randomUUID()}`;
    return { id: arn, properties: withTags({ ...inputs, arn, ownerAccountId: ctx.scope.accountId, billingViewType: "CUSTOM" }) };
  },
};

export const budget: ResourceType = {
  token: "aws:budgets/budget:Budget",
  api: { service: "Budgets", noun: "Budget", create: "CreateBudget", update: "UpdateBudget" },
  regional: false,
  inputs: ["name", "budgetType", "timeUnit", "limitAmount", "limitUnit", "billingViewArn", "accountId", "tags"],
  forceNew: ["name", "accountId", "billingViewArn"],
  required: ["budgetType", "timeUnit"],
  optionalComputed: ["accountId"],
  create(ctx, inputs) {
    const name = str(inputs["name"]);
    const view = str(inputs["billingViewArn"]);
    if (view !== "" && !recordsOf(ctx, VIEW).some((r) => r.id === view))
      refuse(creating(budget, name), "InvalidParameterException", `billing view ${view} not found in account ${ctx.scope.accountId}`);
    return { id: `${ctx.scope.accountId}:${name}`, properties: withTags({ ...inputs, accountId: ctx.scope.accountId, arn: `arn:aws:budgets::${ctx.scope.accountId}:budget/${name}` }) };
  },
};
