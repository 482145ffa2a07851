/** Generates large, valid inventories for the benchmarks. */

const pad = (n: number) => String(n).padStart(12, "0");

/**
 * A fleet of `partners`; with `transferShare` > 0, that share of them (every other one at 0.5)
 * are billing-transfer partners of one bill-transfer account, the rest custody partners.
 */
export function fleetYaml(partners: number, accountsPerPartner: number, transferShare = 0): string {
  const out: string[] = [
    "distributor:",
    "  name: Bench Distribution",
    "  emailDomains: [payers.distributor.example]",
    "  hub:",
    '    accountId: "999999999999"',
    "    alertSubscriptions: [{ protocol: email, endpoint: soc@distributor.example }]",
    "  automation:",
    "    principals: [arn:aws:iam::999999999999:role/payerfleet-ci]",
    "  billingAdmins: [arn:aws:iam::999999999999:role/billing]",
    "  regions: [eu-west-1, eu-central-1]",
    ...(transferShare > 0 ? ["  billTransferAccounts:", '    - { id: pma-bench, accountId: "888888888888", program: DISTRIBUTION, inboundTransferQuota: 1000 }'] : []),
    "partners:",
  ];
  const every = transferShare > 0 ? Math.max(1, Math.round(1 / transferShare)) : 0;
  for (let p = 0; p < partners; p++) {
    const id = `partner-${p}`;
    if (every > 0 && p % every === every - 1) {
      out.push(
        `  - id: ${id}`,
        `    name: Partner ${p}`,
        "    billing:",
        "      model: transfer",
        "      billTransferAccount: pma-bench",
        `      managementAccountId: "${pad(400_000_000_000 + p)}"`,
        '      startMonth: "2027-01"',
        `      accountCount: ${accountsPerPartner}`,
        "      monthlyBudget: 10000",
        "      relationship: { sector: COMMERCIAL }",
      );
      continue;
    }
    out.push(
      `  - id: ${id}`,
      `    name: Partner ${p}`,
      "    payer:",
      `      accountId: "${pad(100_000_000_000 + p)}"`,
      `      rootEmail: aws+${id}@payers.distributor.example`,
      "      custody: { mfaHolder: customer, primaryPhoneHolder: customer }",
      '      primaryContact: { phoneNumber: "+44 20 7946 0000" }',
      `    partnerAdmins: [arn:aws:iam::${pad(100_000_000_000 + p)}:role/admins]`,
      "    organizationalUnits: [Workloads/Prod, Workloads/NonProd, Sandbox]",
      "    linkedAccounts:",
    );
    const ous = ["Workloads/Prod", "Workloads/NonProd", "Sandbox"];
    for (let a = 0; a < accountsPerPartner; a++) {
      out.push(
        `      - name: ${id}-account-${a}`,
        `        email: aws-${a}@${id}.example`,
        `        ou: ${ous[a % ous.length]}`,
      );
      if (a % 2 === 0) out.push(`        accountId: "${pad(200_000_000_000 + p * accountsPerPartner + a)}"`);
    }
  }
  return `${out.join("\n")}\n`;
}
