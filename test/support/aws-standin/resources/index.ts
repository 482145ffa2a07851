/**
 * Every resource type the stand-in emulates, by type token.
 *
 * Replacements (ForceNew) in the fields payerfleet sets, as the real provider reports them.
 * Source: the Terraform AWS provider's schemas (hashicorp/terraform-provider-aws, internal/
 * service/<service>/<resource>.go, `ForceNew: true`), which pulumi-aws 7 bridges; read for
 * the types marked * (account.go, organizational_unit.go, role.go, policy.go, target.go,
 * trail.go), from knowledge of the same files for the others.
 *
 * | type                                                 | replaced when these change                         |
 * |------------------------------------------------------|----------------------------------------------------|
 * | organizations/account:Account *                      | email, iamUserAccessToBilling, roleName            |
 * |   (not name: PutAccountName since terraform-provider-aws#42350; not parentId: MoveAccount; pulumi-aws#6242 confirms both update in place) |
 * | organizations/organizationalUnit:OrganizationalUnit *| parentId                                           |
 * | organizations/organization:Organization              | (none)                                             |
 * | iam/role:Role *                                      | name, namePrefix, path                             |
 * | iam/policy:Policy *                                  | name, namePrefix, path, description                |
 * | iam/rolePolicy:RolePolicy                            | role, name, namePrefix                             |
 * | iam/rolePolicyAttachment:RolePolicyAttachment        | role, policyArn                                    |
 * | iam/organizationsFeatures:OrganizationsFeatures      | (none)                                             |
 * | cloudwatch/eventRule:EventRule                       | name, namePrefix, eventBusName                     |
 * | cloudwatch/eventTarget:EventTarget *                 | rule, targetId, eventBusName                       |
 * | cloudwatch/eventBus:EventBus                         | name, eventSourceName                              |
 * | cloudwatch/eventBusPolicy:EventBusPolicy             | eventBusName                                       |
 * | s3/bucket:Bucket                                     | bucket, bucketPrefix, objectLockEnabled            |
 * | s3/bucketPolicy:BucketPolicy                         | bucket                                             |
 * | s3/bucketPublicAccessBlock:BucketPublicAccessBlock   | bucket                                             |
 * | cloudtrail/trail:Trail *                             | name                                               |
 * | sns/topic:Topic                                      | name, namePrefix, fifoTopic                        |
 * | sns/topicPolicy:TopicPolicy                          | arn                                                |
 * | sns/topicSubscription:TopicSubscription              | topic, protocol, endpoint                          |
 * | account/alternativeContact:AlternativeContact        | accountId, alternateContactType                    |
 * | billing/view:View                                    | name, sourceViews                                  |
 * | budgets/budget:Budget                                | name, accountId, billingViewArn                    |
 * | every regional type                                  | region (the resource's, or the provider's when it moves the resource) |
 */
import type { ResourceType } from "../types.ts";
import { alternativeContact } from "./account.ts";
import { billingView, budget } from "./billing.ts";
import { trail } from "./cloudtrail.ts";
import { eventBus, eventBusPolicy, eventRule, eventTarget } from "./events.ts";
import { organizationsFeatures, policy, role, rolePolicy, rolePolicyAttachment } from "./iam.ts";
import { account, organization, organizationalUnit } from "./organizations.ts";
import { bucket, bucketPolicy, bucketPublicAccessBlock } from "./s3.ts";
import { topic, topicPolicy, topicSubscription } from "./sns.ts";

const ALL: readonly ResourceType[] = [
  organization,
  organizationalUnit,
  account,
  role,
  policy,
  rolePolicy,
  rolePolicyAttachment,
  organizationsFeatures,
  eventBus,
  eventBusPolicy,
  eventRule,
  eventTarget,
  bucket,
  bucketPolicy,
  bucketPublicAccessBlock,
  trail,
  topic,
  topicPolicy,
  topicSubscription,
  alternativeContact,
  billingView,
  budget,
];

export const RESOURCE_TYPES: ReadonlyMap<string, ResourceType> = new Map(ALL.map((t) => [t.token, t]));
