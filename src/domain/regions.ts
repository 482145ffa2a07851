/**
 * The regions of the commercial `aws` partition. Payer accounts of the AWS Distribution Program
 * live there; GovCloud, China and the sovereign/isolated partitions have their own
 * Organizations and are out of scope. A test keeps this list equal to the `aws`-partition
 * members of `@pulumi/aws`'s `Region` enum, so that loading an inventory need not import Pulumi.
 */
export const AWS_REGIONS: readonly string[] = [
  "af-south-1",
  "ap-east-1",
  "ap-east-2",
  "ap-northeast-1",
  "ap-northeast-2",
  "ap-northeast-3",
  "ap-south-1",
  "ap-south-2",
  "ap-southeast-1",
  "ap-southeast-2",
  "ap-southeast-3",
  "ap-southeast-4",
  "ap-southeast-5",
  "ap-southeast-6",
  "ap-southeast-7",
  "ca-central-1",
  "ca-west-1",
  "eu-central-1",
  "eu-central-2",
  "eu-north-1",
  "eu-south-1",
  "eu-south-2",
  "eu-west-1",
  "eu-west-2",
  "eu-west-3",
  "il-central-1",
  "me-central-1",
  "me-south-1",
  "mx-central-1",
  "sa-east-1",
  "us-east-1",
  "us-east-2",
  "us-west-1",
  "us-west-2",
];

/** Root console sign-in events are recorded in us-east-1 only, so it is always monitored. */
export const ROOT_SIGN_IN_REGION = "us-east-1";

/**
 * Where every stack's one AWS provider acts: us-east-1, which serves the global services (IAM,
 * Organizations, Account) and records root console sign-in. Regional resources elsewhere name
 * their region (`@pulumi/aws` 7 takes `region` on each), so a stack runs one provider process
 * (300-430 MB) rather than one per region.
 */
export const PROVIDER_REGION = ROOT_SIGN_IN_REGION;

/**
 * The `region` input of a regional resource: none in the provider's own region, so that the
 * resources stacks already hold there see no change.
 */
export function regionOtherThanProvider(region: string): { region?: string } {
  return region === PROVIDER_REGION ? {} : { region };
}

/** The regions to monitor: us-east-1 first, then the inventory's regions, each once. */
export function monitoredRegions(regions: readonly string[]): string[] {
  return [...new Set([ROOT_SIGN_IN_REGION, ...regions])];
}
