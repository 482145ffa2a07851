/**
 * The functions (data sources) payerfleet's programs call (`grep -rn "Output(" src` finds
 * them): the payer's primary contact and its organization. Any other function fails clearly.
 */
import { StandinError } from "./errors.ts";
import { organizationOf, organizationView } from "./resources/organizations.ts";
import type { Scope, StandinState } from "./types.ts";
import { requestId, type Props } from "./util.ts";

function getPrimaryContact(state: StandinState, scope: Scope, args: Props): Props {
  const accountId = typeof args["accountId"] === "string" && args["accountId"] !== "" ? args["accountId"] : scope.accountId;
  const info = state.accounts[accountId];
  if (!info) throw new StandinError(`getPrimaryContact: the emulated AWS knows no account ${accountId}; seed it with seedAccount()`);
  const contact = info.primaryContact;
  if (!contact)
    throw new Error(
      `reading Account Primary Contact (${accountId}): operation error Account: GetContactInformation, https response error StatusCode: 404, ` +
        `RequestID: ${requestId()}, ResourceNotFoundException: The primary contact of account ${accountId} was not found (aws stand-in: seed it)`,
    );
  return {
    accountId,
    id: accountId,
    addressLine1: contact.addressLine1 ?? "1 Example Street",
    addressLine2: "",
    addressLine3: "",
    city: contact.city ?? "London",
    companyName: contact.companyName ?? "",
    countryCode: contact.countryCode ?? "GB",
    districtOrCounty: "",
    fullName: contact.fullName,
    phoneNumber: contact.phoneNumber,
    postalCode: contact.postalCode ?? "EC1A 1AA",
    stateOrRegion: contact.stateOrRegion ?? "",
    websiteUrl: contact.websiteUrl ?? "",
  };
}

function getOrganization(state: StandinState, scope: Scope): Props {
  const org = organizationOf(state, scope.accountId);
  if (!org)
    throw new Error(
      `reading Organizations Organization: operation error Organizations: DescribeOrganization, https response error StatusCode: 400, ` +
        `RequestID: ${requestId()}, api error AWSOrganizationsNotInUseException: Your account is not a member of an organization.`,
    );
  const view = organizationView(state, org);
  const isManagement = org.account === scope.accountId;
  // Only the management account may list accounts and roots (the data source leaves them empty otherwise).
  return {
    id: org.id,
    arn: view["arn"],
    featureSet: view["featureSet"],
    masterAccountId: view["masterAccountId"],
    masterAccountArn: view["masterAccountArn"],
    masterAccountEmail: view["masterAccountEmail"],
    masterAccountName: view["masterAccountName"],
    awsServiceAccessPrincipals: isManagement ? view["awsServiceAccessPrincipals"] : [],
    enabledPolicyTypes: isManagement ? view["enabledPolicyTypes"] : [],
    accounts: isManagement ? view["accounts"] : [],
    nonMasterAccounts: isManagement ? view["nonMasterAccounts"] : [],
    roots: isManagement ? view["roots"] : [],
  };
}

export const INVOKES: Readonly<Record<string, (state: StandinState, scope: Scope, args: Props) => Props>> = {
  "aws:account/getPrimaryContact:getPrimaryContact": getPrimaryContact,
  "aws:organizations/getOrganization:getOrganization": (state, scope) => getOrganization(state, scope),
};
