/**
 * What the customer's administrator needs, in the customer's own management account, to accept
 * one billing-transfer invitation and nothing else: describe and accept exactly that handshake,
 * read the organization (all features must be on), and let Organizations create the
 * service-linked role that AcceptHandshake needs (Billing user guide, orgs_transfer_billing).
 * Not DeclineHandshake, not CancelHandshake, no other handshake: declining is the customer's
 * to do without payerfleet's help.
 */
import type { PolicyDocument } from "./policy-document.ts";

/** Handshake ids as Organizations writes them. */
export const HANDSHAKE_ID = /^h-[0-9a-z]{8,32}$/;

/**
 * A handshake's ARN: `arn:aws:organizations::<management account>:handshake/o-<org>/<type>/h-<id>`;
 * the organization's id is the customer's, which payerfleet does not hold, hence `o-*`.
 */
export function transferHandshakeArn(managementAccountId: string, handshakeId: string): string {
  return `arn:aws:organizations::${managementAccountId}:handshake/o-*/transfer_responsibility/${handshakeId}`;
}

export function acceptTransferPolicy(managementAccountId: string, handshakeId: string): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "AcceptThisTransferHandshake",
        Effect: "Allow",
        Action: ["organizations:AcceptHandshake", "organizations:DescribeHandshake"],
        Resource: transferHandshakeArn(managementAccountId, handshakeId),
      },
      {
        Sid: "CheckAllFeatures",
        Effect: "Allow",
        Action: ["organizations:DescribeOrganization"],
        Resource: "*",
      },
      {
        // AcceptHandshake for a transfer creates a service-linked role; AWS does not document which
        // service's, so the grant is bounded to service-linked roles of this account.
        Sid: "ServiceLinkedRoleForTheTransfer",
        Effect: "Allow",
        Action: ["iam:CreateServiceLinkedRole"],
        Resource: `arn:aws:iam::${managementAccountId}:role/aws-service-role/*`,
      },
    ],
  };
}
