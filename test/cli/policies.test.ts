import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "chai";
import { parse as parseYaml } from "yaml";
import { main } from "../../src/cli/main.ts";
import { exampleInventory, EXAMPLE_INVENTORY } from "../support/example.ts";
import { memoryIo } from "../support/io.ts";

interface Planned {
  readonly type: string;
  readonly name: string;
  readonly inputs: Record<string, unknown>;
}

interface Role {
  readonly name: string;
  readonly arn: string;
  readonly trustPolicy: unknown;
  readonly permissionsBoundary: { name: string; arn: string; document: unknown } | null;
  readonly policies: readonly { name: string; arn?: string; document?: unknown }[];
}

async function run(args: string[]): Promise<unknown> {
  const io = memoryIo();
  const code = await main(args, io);
  expect(code, io.err()).to.equal(0);
  return JSON.parse(io.out());
}

const AWS_MANAGED = "arn:aws:iam::aws:policy/";

/**
 * The roles a stack's plan declares, read back from the resources alone: each Role with the
 * Policy its permissionsBoundary names, the managed policies attached to it (their documents
 * when the stack declares them; AWS's own are not in any stack) and its inline policies.
 */
function declaredRoles(resources: readonly Planned[], account: string): Role[] {
  const of = (type: string) => resources.filter((r) => r.type === type);
  const json = (text: unknown) => JSON.parse(String(text)) as unknown;
  const policies = new Map(of("aws:iam/policy:Policy").map((p) => [String(p.inputs["name"]), p]));
  const managed = (arn: string) => {
    const name = arn.split("/").at(-1)!;
    if (arn.startsWith(AWS_MANAGED)) return { name, arn };
    const policy = policies.get(name);
    expect(policy, `${arn} is declared by the stack`).to.not.equal(undefined);
    return { name, arn, document: json(policy!.inputs["policy"]) };
  };
  return of("aws:iam/role:Role").map((role) => {
    const name = String(role.inputs["name"]);
    const path = String(role.inputs["path"]);
    const boundary = role.inputs["permissionsBoundary"] as string | undefined;
    return {
      name,
      // A role's ARN is an output: the stack's account, the role's path and name make it.
      arn: `arn:aws:iam::${account}:role${path}${name}`,
      trustPolicy: json(role.inputs["assumeRolePolicy"]),
      permissionsBoundary: boundary === undefined ? null : (managed(boundary) as Role["permissionsBoundary"]),
      policies: [
        ...of("aws:iam/rolePolicyAttachment:RolePolicyAttachment")
          .filter((a) => a.inputs["role"] === name)
          .map((a) => managed(String(a.inputs["policyArn"]))),
        ...of("aws:iam/rolePolicy:RolePolicy")
          .filter((p) => p.inputs["role"] === name)
          .map((p) => ({ name: String(p.inputs["name"]), document: json(p.inputs["policy"]) })),
      ],
    };
  });
}

/** What a role of `policies --json` says, in the terms a plan can show: AWS's policies by name. */
function shown(role: Role): Role {
  return {
    ...role,
    policies: role.policies.map((p) => (p.arn?.startsWith(AWS_MANAGED) ? { name: p.name, arn: p.arn } : p)),
  };
}

describe("policies shows what is deployed, role by role", () => {
  let stacks: string[];
  before(async () => {
    const inventory = await exampleInventory();
    stacks = ["hub", ...inventory.partners.map((p) => p.id)];
  });

  it("declares in plan every role policies shows, bar the automation role, with the same name, trust, boundary and policies, for every example stack", async () => {
    const plans = (await run(["plan", "-i", EXAMPLE_INVENTORY, "--json"])) as { partners: { id: string; resources: Planned[] }[] };
    expect(plans.partners.map((p) => p.id)).to.deep.equal(stacks);
    for (const plan of plans.partners) {
      const policies = (await run(["policies", "-i", EXAMPLE_INVENTORY, "--partner", plan.id, "--json"])) as { accountId: string; roles: Role[] };
      const [automation, ...deployed] = policies.roles;
      expect(automation!.name, plan.id).to.equal("payerfleet-automation");
      const declared = declaredRoles(plan.resources, policies.accountId);
      expect(declared.map((r) => r.name).sort(), plan.id).to.deep.equal(deployed.map((r) => r.name).sort());
      for (const role of deployed) {
        expect(declared.find((r) => r.name === role.name), `${plan.id}: ${role.name}`).to.deep.equal(shown(role));
      }
    }
  });

  it("shows as the automation role exactly what bootstrap creates, for every example stack", async () => {
    const out = await mkdtemp(join(tmpdir(), "payerfleet-policies-"));
    try {
      for (const stack of stacks) {
        const policies = (await run(["policies", "-i", EXAMPLE_INVENTORY, "--partner", stack, "--json"])) as { roles: Role[] };
        const dir = join(out, stack);
        const io = memoryIo();
        expect(await main(["bootstrap", "-i", EXAMPLE_INVENTORY, "--partner", stack, "--out", dir], io), io.err()).to.equal(0);
        const template = parseYaml(await readFile(join(dir, "automation-role.cfn.yaml"), "utf8")) as {
          Resources: { AutomationRole: { Properties: { RoleName: string; AssumeRolePolicyDocument: unknown; Policies: { PolicyName: string; PolicyDocument: unknown }[] } } };
        };
        const role = template.Resources.AutomationRole.Properties;
        expect(policies.roles[0], stack).to.deep.include({
          name: role.RoleName,
          trustPolicy: role.AssumeRolePolicyDocument,
          permissionsBoundary: null,
          policies: role.Policies.map((p) => ({ name: p.PolicyName, document: p.PolicyDocument })),
        });
      }
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });
});
