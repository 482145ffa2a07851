/**
 * The fake Organizations (model.ts) behind a real endpoint on 127.0.0.1, so that payerfleet's
 * own SDK clients, in-process or in the CLI's child process, serialize and parse real requests:
 * AWS JSON 1.1 for Organizations (`X-Amz-Target: AWSOrganizationsV20161128.<Operation>`), JSON
 * 1.0 for the Billing API (`AWSBilling.<Operation>`), REST-JSON for Billing Conductor (POST to
 * the operation's path), and the query protocol for STS AssumeRole. The caller is the account of the role the credentials
 * came from, read back from the access key id, as AWS knows it from the signature.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { FakeOrganizations, ServiceError } from "./model.ts";

const TARGET = "AWSOrganizationsV20161128.";
const QUOTAS_TARGET = "ServiceQuotasV20190624.";
const PARTNER_CENTRAL_TARGET = "PartnerCentralChannel.";

/** Dates are epoch seconds on the wire, both ways. */
function toWire(value: unknown): unknown {
  if (value instanceof Date) return value.getTime() / 1000;
  if (Array.isArray(value)) return value.map(toWire);
  if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [k, toWire(v)]));
  return value;
}

function fromWire(value: unknown, key = ""): unknown {
  if (typeof value === "number" && key.endsWith("Timestamp")) return new Date(value * 1000);
  if (Array.isArray(value)) return value.map((v) => fromWire(v));
  if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fromWire(v, k)]));
  return value;
}

async function body(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** The signing name in the request's credential scope: `Credential=KEY/DATE/REGION/SERVICE/aws4_request`. */
function serviceOf(req: IncomingMessage): string | undefined {
  return /Credential=[^/]+\/\d{8}\/[^/]+\/([^/]+)\/aws4_request/.exec(req.headers.authorization ?? "")?.[1];
}

/** The account behind a request's signature: payerfleet's fake keys are `ASIA` + the account id + `FAKE`. */
function callerOf(req: IncomingMessage): string {
  const key = /Credential=([A-Z0-9]+)\//.exec(req.headers.authorization ?? "")?.[1] ?? "";
  return /^ASIA(\d{12})FAKE$/.exec(key)?.[1] ?? "000000000000";
}

export interface OrganizationsEndpoint {
  readonly url: string;
  readonly model: FakeOrganizations;
  /** Every role assumed through STS, in order. */
  readonly assumed: string[];
  close(): Promise<void>;
}

export async function startFakeOrganizations(model = new FakeOrganizations()): Promise<OrganizationsEndpoint> {
  const assumed: string[] = [];
  const server: Server = createServer((req, res) => {
    void (async () => {
      const text = await body(req);
      const target = req.headers["x-amz-target"];
      if (typeof target === "string" && [TARGET, QUOTAS_TARGET, PARTNER_CENTRAL_TARGET].some((t) => target.startsWith(t))) {
        try {
          const output = model.handle(target.slice(target.indexOf(".") + 1), callerOf(req), fromWire(JSON.parse(text || "{}")) as Record<string, unknown>, serviceOf(req));
          res.writeHead(200, { "content-type": "application/x-amz-json-1.1" }).end(JSON.stringify(toWire(output)));
        } catch (err) {
          if (!(err instanceof ServiceError)) throw err;
          res
            .writeHead(err.status, { "content-type": "application/x-amz-json-1.1" })
            .end(JSON.stringify({ __type: err.type, Message: err.message, ...(err.reason === undefined ? {} : { Reason: err.reason }) }));
        }
        return;
      }
      const billingTarget = typeof target === "string" && target.startsWith("AWSBilling.") ? target.slice("AWSBilling.".length) : undefined;
      const restPath = req.url !== undefined && req.url !== "/" ? req.url.split("?")[0]! : undefined;
      if (billingTarget !== undefined || restPath !== undefined) {
        try {
          const input = JSON.parse(text || "{}") as Record<string, unknown>;
          const token = req.headers["x-amzn-client-token"];
          if (typeof token === "string") input["__clientToken"] = token;
          const output = model.handle(billingTarget ?? restPath!, callerOf(req), input, serviceOf(req));
          res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(output));
        } catch (err) {
          if (!(err instanceof ServiceError)) throw err;
          res.writeHead(err.status, { "content-type": "application/json", "x-amzn-errortype": err.type }).end(JSON.stringify({ message: err.message }));
        }
        return;
      }
      const form = new URLSearchParams(text);
      if (form.get("Action") === "AssumeRole") {
        const role = form.get("RoleArn") ?? "";
        assumed.push(role);
        const account = /^arn:aws:iam::(\d{12}):role\//.exec(role)?.[1] ?? "000000000000";
        const expires = new Date(Date.now() + 3600_000).toISOString();
        res.writeHead(200, { "content-type": "text/xml" }).end(
          `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult><Credentials><AccessKeyId>ASIA${account}FAKE</AccessKeyId><SecretAccessKey>fake</SecretAccessKey><SessionToken>fake</SessionToken><Expiration>${expires}</Expiration></Credentials><AssumedRoleUser><Arn>${role}</Arn><AssumedRoleId>AROAFAKE:payerfleet</AssumedRoleId></AssumedRoleUser></AssumeRoleResult></AssumeRoleResponse>`,
        );
        return;
      }
      res.writeHead(400, { "content-type": "text/plain" }).end(`the fake serves Organizations and STS AssumeRole only: ${target ?? form.get("Action")}`);
    })().catch((err: unknown) => res.writeHead(500).end(String(err)));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    model,
    assumed,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
