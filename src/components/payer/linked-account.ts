import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export interface LinkedAccountArgs {
  /** The account's name in AWS Organizations. */
  readonly accountName: string;
  /** Root e-mail, on the customer's domain. */
  readonly email: string;
  /** The OU, or the organization root, the account sits in. */
  readonly parentId: pulumi.Input<string>;
  /** An existing account to adopt with `import`. Default: the account is created. */
  readonly accountId?: string;
  /** Whether to import `accountId`: only until the stack's state holds it. Default: true. */
  readonly adopt?: boolean;
}

/**
 * A customer-owned linked account under the End Customer Account Model: payerfleet places it
 * in the organization and nothing more. No provider ever targets it, nothing is deployed in it.
 */
export class LinkedAccount extends pulumi.ComponentResource {
  readonly account: aws.organizations.Account;

  constructor(name: string, args: LinkedAccountArgs, opts?: pulumi.ComponentResourceOptions) {
    super("payerfleet:organizations:LinkedAccount", name, {}, opts);
    // The account under its earlier name, with the component's earlier names (see PartnerPayer).
    const aliases = (opts?.aliases ?? []).flatMap((a) => (typeof a === "object" && "name" in a && typeof a.name === "string" ? [{ name: `${a.name}-account` }] : []));
    this.account = new aws.organizations.Account(
      `${name}-account`,
      // closeOnDeletion false: removing the account from the inventory must never close the
      // customer's account (deleting the resource only removes it from the organization).
      { name: args.accountName, email: args.email, parentId: args.parentId, closeOnDeletion: false },
      {
        parent: this,
        // An e-mail change replaces an account (and so does iamUserAccessToBilling, roleName):
        // AWS has no call to change it from the management account. Never by surprise.
        protect: true,
        // Neither can be read back after import; a change to iamUserAccessToBilling recreates.
        ignoreChanges: ["roleName", "iamUserAccessToBilling"],
        ...(args.accountId === undefined || args.adopt === false ? {} : { import: args.accountId }),
        ...(aliases.length > 0 ? { aliases } : {}),
      },
    );
    this.registerOutputs({ account: this.account });
  }
}
