/** A small valid fleet whose line numbers the inventory tests rely on. Edit with care. */
export const BASE_INVENTORY = `distributor:
  name: Example Distribution Ltd
  emailDomains: [payers.distributor.example]
  hub:
    accountId: "210987654321"
    alertSubscriptions:
      - protocol: email
        endpoint: soc@distributor.example
  automation:
    principals: [arn:aws:iam::210987654321:role/payerfleet-ci]
  billingAdmins: [arn:aws:iam::210987654321:role/billing]
  regions: [eu-west-1]
partners:
  - id: acme
    name: Acme Corp
    payer:
      accountId: "100000000001"
      rootEmail: aws+acme@payers.distributor.example
      custody:
        mfaHolder: customer
        primaryPhoneHolder: customer
      primaryContact:
        phoneNumber: "+44 20 7946 0101"
    partnerAdmins: [arn:aws:iam::100000000001:role/acme-admins]
    organizationalUnits: [Workloads/Prod]
    linkedAccounts:
      - name: acme-prod
        email: aws-prod@acme.example
        ou: Workloads/Prod
        accountId: "300000000001"
  - id: globex
    name: Globex
    payer:
      accountId: "100000000002"
      rootEmail: aws+globex@payers.distributor.example
      custody:
        mfaHolder: customer
        primaryPhoneHolder: customer
      primaryContact:
        phoneNumber: "+1 206 555 0100"
    partnerAdmins: [arn:aws:iam::100000000002:role/globex-admins]
    linkedAccounts:
      - name: globex-prod
        email: aws-prod@globex.example
`;

/** Replaces exactly one occurrence, so a fixture edit cannot silently miss. */
export function edit(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  if (at < 0 || text.indexOf(from, at + 1) >= 0) throw new Error(`fixture edit needs exactly one ${JSON.stringify(from)}`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

/** BASE_INVENTORY with one bill-transfer account and one billing-transfer partner after it. */
export const TRANSFER_INVENTORY = edit(
  BASE_INVENTORY,
  "  regions: [eu-west-1]\n",
  `  regions: [eu-west-1]
  billTransferAccounts:
    - id: pma-eu
      accountId: "310000000001"
      program: DISTRIBUTION
      inboundTransferQuota: 2
`,
) + `  - id: initech
    name: Initech
    billing:
      model: transfer
      billTransferAccount: pma-eu
      managementAccountId: "400000000001"
      startMonth: "2027-01"
      relationship: { sector: COMMERCIAL, supportPlan: partnerLedSupport, tamLocation: eu-west-1 }
      servicePeriod: { type: MINIMUM_NOTICE_PERIOD, minimumNoticeDays: 90 }
`;
