/**
 * Realistic EventBridge events as CloudTrail delivers them to a payer's default bus, shaped
 * after the records in the CloudTrail User Guide (userIdentity element, console sign-in
 * events) and the IAM User Guide ("Track privileged tasks in AWS CloudTrail" for AssumeRoot).
 * The payer accounts are those of test/support/fixtures.ts: acme 100000000001, globex
 * 100000000002.
 */

export const ACME = "100000000001";
export const GLOBEX = "100000000002";
/** A payer the hub does not know. */
export const STRANGER = "999900000001";

const CONSOLE_UA = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.3 Safari/605.1.15";
const CLI_UA = "aws-cli/2.17.20 md/awscrt#0.20.11 ua/2.0 os/linux#6.5.0 md/arch#x86_64 lang/python#3.11.9 md/pyimpl#CPython cfg/retry-mode#standard md/installer#exe md/distrib#ubuntu.22 md/prompt#off md/command#s3api.put-bucket-policy";

function envelope(detailType: string, source: string, account: string, region: string, time: string, detail: Record<string, unknown>): Record<string, unknown> {
  return { version: "0", id: `0b1c2d3e-${account.slice(-4)}-4f5a-8b9c-${time.replace(/\D/g, "").slice(0, 12)}`, "detail-type": detailType, source, account, time, region, resources: [], detail };
}

function root(account: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { type: "Root", principalId: account, arn: `arn:aws:iam::${account}:root`, accountId: account, ...extra };
}

function signIn(account: string, result: "Success" | "Failure", time: string, mfaUsed: "Yes" | "No"): Record<string, unknown> {
  return envelope("AWS Console Sign In via CloudTrail", "aws.signin", account, "us-east-1", time, {
    eventVersion: "1.09",
    userIdentity: root(account, { accessKeyId: "" }),
    eventTime: time,
    eventSource: "signin.amazonaws.com",
    eventName: "ConsoleLogin",
    awsRegion: "us-east-1",
    sourceIPAddress: "203.0.113.24",
    userAgent: CONSOLE_UA,
    requestParameters: null,
    responseElements: { ConsoleLogin: result },
    ...(result === "Failure" ? { errorMessage: "Failed authentication" } : {}),
    additionalEventData: {
      LoginTo: "https://console.aws.amazon.com/console/home?hashArgs=%23&isauthcode=true&state=hashArgsFromTB_us-east-1_example",
      MobileVersion: "No",
      MFAUsed: mfaUsed,
    },
    eventID: `${result === "Success" ? "5e2f6c1a" : "7a9d3b20"}-1c4e-4d8a-9f0b-2a6c8e1d3f57`,
    readOnly: false,
    eventType: "AwsConsoleSignIn",
    managementEvent: true,
    recipientAccountId: account,
    eventCategory: "Management",
    tlsDetails: { tlsVersion: "TLSv1.3", cipherSuite: "TLS_AES_128_GCM_SHA256", clientProvidedHostHeader: "signin.aws.amazon.com" },
  });
}

function apiCall(
  account: string,
  region: string,
  time: string,
  call: { source: string; eventSource: string; eventName: string; readOnly: boolean; userIdentity: Record<string, unknown>; userAgent?: string },
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return envelope("AWS API Call via CloudTrail", call.source, account, region, time, {
    eventVersion: "1.09",
    userIdentity: call.userIdentity,
    eventTime: time,
    eventSource: call.eventSource,
    eventName: call.eventName,
    awsRegion: region,
    sourceIPAddress: "198.51.100.77",
    userAgent: call.userAgent ?? CLI_UA,
    eventID: `c3d4e5f6-${String(call.eventName.length).padStart(4, "0")}-4c2d-8e3f-${time.replace(/\D/g, "").slice(0, 12)}`,
    readOnly: call.readOnly,
    eventType: "AwsApiCall",
    managementEvent: true,
    recipientAccountId: account,
    eventCategory: "Management",
    ...extra,
  });
}

/** The root user's console session, as its API calls record it. */
const consoleSession = (account: string) =>
  root(account, {
    accessKeyId: "ASIAEXAMPLEROOTSESS1",
    sessionContext: { sessionIssuer: {}, webIdFederationData: {}, attributes: { creationDate: "2026-03-02T09:14:07Z", mfaAuthenticated: "true" } },
  });

export const EVENTS = {
  rootSignInSuccess: signIn(ACME, "Success", "2026-03-02T09:14:07Z", "Yes"),
  rootSignInFailure: signIn(GLOBEX, "Failure", "2026-03-02T10:02:51Z", "No"),
  rootApiCall: apiCall(
    ACME,
    "eu-west-1",
    "2026-03-02T09:16:40Z",
    { source: "aws.s3", eventSource: "s3.amazonaws.com", eventName: "PutBucketPolicy", readOnly: false, userIdentity: consoleSession(ACME), userAgent: "[S3Console/0.4]" },
    { requestParameters: { bucketName: "acme-invoices", policy: "{...}", Host: "acme-invoices.s3.eu-west-1.amazonaws.com" }, responseElements: null },
  ),
  rootReadOnlyCall: apiCall(
    ACME,
    "eu-west-1",
    "2026-03-02T09:18:02Z",
    { source: "aws.ec2", eventSource: "ec2.amazonaws.com", eventName: "DescribeInstances", readOnly: true, userIdentity: root(ACME, { accessKeyId: "AKIAEXAMPLEROOTKEY01" }) },
    { requestParameters: { instancesSet: {}, filterSet: {} }, responseElements: null },
  ),
  /** A call in a short-term root session from sts:AssumeRoot: Root, with sessionContext.assumedRoot. */
  assumedRootSessionCall: apiCall(
    ACME,
    "us-east-1",
    "2026-03-02T11:20:33Z",
    {
      source: "aws.s3",
      eventSource: "s3.amazonaws.com",
      eventName: "DeleteBucketPolicy",
      readOnly: false,
      userIdentity: root(ACME, {
        accessKeyId: "ASIAEXAMPLEASSUMEDRT",
        sessionContext: { attributes: { creationDate: "2026-03-02T11:19:58Z", mfaAuthenticated: "false" }, assumedRoot: "true" },
      }),
    },
    { requestParameters: { bucketName: "acme-locked-bucket", Host: "acme-locked-bucket.s3.amazonaws.com" }, responseElements: null },
  ),
  /** The sts:AssumeRoot call itself, by a role of the management account: not the root user. */
  assumeRootCall: apiCall(
    ACME,
    "us-east-1",
    "2026-03-02T11:19:58Z",
    {
      source: "aws.sts",
      eventSource: "sts.amazonaws.com",
      eventName: "AssumeRoot",
      readOnly: true,
      userIdentity: {
        type: "AssumedRole",
        principalId: "AROAEXAMPLEADMINROLE:jane",
        arn: `arn:aws:sts::${ACME}:assumed-role/acme-admins/jane`,
        accountId: ACME,
        accessKeyId: "ASIAEXAMPLEADMINSESS",
        sessionContext: {
          sessionIssuer: { type: "Role", principalId: "AROAEXAMPLEADMINROLE", arn: `arn:aws:iam::${ACME}:role/acme-admins`, accountId: ACME, userName: "acme-admins" },
          webIdFederationData: {},
          attributes: { creationDate: "2026-03-02T11:02:10Z", mfaAuthenticated: "false" },
          assumedRoot: "true",
        },
      },
    },
    { requestParameters: { targetPrincipal: "300000000001", taskPolicyArn: { arn: "arn:aws:iam::aws:policy/root-task/S3UnlockBucketPolicy" } } },
  ),
  iamUserCall: apiCall(ACME, "eu-west-1", "2026-03-02T12:00:00Z", {
    source: "aws.s3",
    eventSource: "s3.amazonaws.com",
    eventName: "PutBucketPolicy",
    readOnly: false,
    userIdentity: { type: "IAMUser", principalId: "AIDAEXAMPLEALICE0001", arn: `arn:aws:iam::${ACME}:user/alice`, accountId: ACME, accessKeyId: "AKIAEXAMPLEALICE0001", userName: "alice" },
  }),
  ec2StateChange: envelope("EC2 Instance State-change Notification", "aws.ec2", ACME, "eu-west-1", "2026-03-02T12:05:00Z", {
    "instance-id": "i-0abcdef1234567890",
    state: "running",
  }),
  /** Someone in the payer putting a custom event dressed as a root record. */
  spoofedCustomEvent: envelope("AWS API Call via CloudTrail", "acme.custom", ACME, "us-east-1", "2026-03-02T12:10:00Z", {
    userIdentity: root(ACME),
    eventSource: "iam.amazonaws.com",
    eventName: "CreateAccessKey",
  }),
  /** Root activity of a payer the hub does not admit. */
  strangerRootCall: apiCall(STRANGER, "us-east-1", "2026-03-02T12:20:00Z", {
    source: "aws.iam",
    eventSource: "iam.amazonaws.com",
    eventName: "CreateAccessKey",
    readOnly: false,
    userIdentity: root(STRANGER, { accessKeyId: "AKIAEXAMPLESTRANGER1" }),
  }),
} as const;

export type EventName = keyof typeof EVENTS;
