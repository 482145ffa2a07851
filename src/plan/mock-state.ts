/**
 * What the cloud would compute for a resource (ids, ARNs, an organization's root), so that a
 * program runs under mocks as it would for real and `plan` shows realistic values. The account
 * and region come from the resource's provider, as they would in AWS.
 */

export interface ProviderScope {
  readonly accountId: string;
  readonly region: string;
}

/** What an AWS provider's inputs say about where it acts. */
export function providerScope(inputs: Record<string, unknown>): ProviderScope {
  const parse = (v: unknown): unknown => {
    // Provider configuration reaches the monitor JSON-encoded when it is not a string.
    if (typeof v !== "string") return v;
    try {
      return JSON.parse(v);
    } catch {
      return v;
    }
  };
  const accounts = parse(inputs["allowedAccountIds"]);
  const accountId = Array.isArray(accounts) && typeof accounts[0] === "string" ? accounts[0] : "000000000000";
  const region = typeof inputs["region"] === "string" ? inputs["region"] : "us-east-1";
  return { accountId, region };
}

const UNSCOPED: ProviderScope = { accountId: "000000000000", region: "us-east-1" };

/** The resource's id and state under mocks: its inputs plus what AWS would compute. */
export function mockState(
  type: string,
  name: string,
  inputs: Record<string, unknown>,
  scope: ProviderScope = UNSCOPED,
  importId?: string,
): { id: string; state: Record<string, unknown> } {
  const { accountId: account, region } = scope;
  const named = typeof inputs["name"] === "string" ? inputs["name"] : name;
  switch (type) {
    case "aws:organizations/organization:Organization": {
      const id = importId ?? "o-exampleorgid";
      return {
        id,
        state: {
          ...inputs,
          arn: `arn:aws:organizations::${account}:organization/${id}`,
          masterAccountId: account,
          roots: [{ id: "r-examplerootid", name: "Root", arn: `arn:aws:organizations::${account}:root/${id}/r-examplerootid` }],
        },
      };
    }
    case "aws:organizations/organizationalUnit:OrganizationalUnit":
      return { id: importId ?? `ou-example-${named.toLowerCase().replace(/[^a-z0-9]/g, "")}`, state: inputs };
    case "aws:organizations/account:Account": {
      const id = importId ?? `(new account ${named})`;
      return { id, state: { ...inputs, arn: `arn:aws:organizations::${account}:account/${id}` } };
    }
    case "aws:iam/role:Role":
      return { id: named, state: { ...inputs, arn: `arn:aws:iam::${account}:role${inputs["path"] ?? "/"}${named}` } };
    case "aws:iam/policy:Policy":
      return { id: named, state: { ...inputs, arn: `arn:aws:iam::${account}:policy${inputs["path"] ?? "/"}${named}` } };
    case "aws:cloudwatch/eventRule:EventRule":
      return { id: named, state: { ...inputs, arn: `arn:aws:events:${region}:${account}:rule/${named}` } };
    case "aws:cloudwatch/eventBus:EventBus":
      return { id: named, state: { ...inputs, arn: `arn:aws:events:${region}:${account}:event-bus/${named}` } };
    case "aws:sns/topic:Topic":
      return { id: `arn:aws:sns:${region}:${account}:${named}`, state: { ...inputs, arn: `arn:aws:sns:${region}:${account}:${named}` } };
    case "aws:cloudtrail/trail:Trail":
      return { id: named, state: { ...inputs, arn: `arn:aws:cloudtrail:${region}:${account}:trail/${named}` } };
    default:
      return { id: importId ?? `${name}-id`, state: { arn: `arn:aws:mock:${region}:${account}:${type}/${name}`, ...inputs } };
  }
}
