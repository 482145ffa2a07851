/**
 * Requests to AWS APIs that the registry's SDK clients cannot make: the Billing API has no
 * `@aws-sdk/client-billing`, and `@aws-sdk/client-billingconductor` (3.523) predates billing
 * transfer, so its serializer drops `AccountGrouping.ResponsibilityTransferArn`. Each request is
 * signed by the SDK's own Smithy SigV4 signer (`@smithy/signature-v4`, what every SDK v3 client
 * signs with), not by hand-written SigV4: canonicalization is where hand-written signers go
 * wrong. Endpoints honour `AWS_ENDPOINT_URL_<SERVICE>` and `AWS_ENDPOINT_URL`, as SDK clients do.
 */
import { createHash, createHmac, type Hash, type Hmac } from "node:crypto";
import { SignatureV4 } from "@smithy/signature-v4";
import type { SourceData } from "@smithy/types";
import type { Credentials } from "./sessions.ts";

/** SHA-256 as the signer wants it: Node's own, as @smithy/hash-node wraps it. */
class Sha256 {
  private hash: Hash | Hmac;
  constructor(private readonly secret?: SourceData) {
    this.hash = this.fresh();
  }
  private fresh(): Hash | Hmac {
    if (this.secret === undefined) return createHash("sha256");
    const key = typeof this.secret === "string" ? this.secret : new Uint8Array(ArrayBuffer.isView(this.secret) ? this.secret.buffer.slice(this.secret.byteOffset, this.secret.byteOffset + this.secret.byteLength) : this.secret);
    return createHmac("sha256", key);
  }
  update(data: Uint8Array): void {
    this.hash.update(data);
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
  reset(): void {
    this.hash = this.fresh();
  }
}

export interface ServiceSpec {
  /** The signing name, e.g. `billing`, `billingconductor`. */
  readonly signingName: string;
  /** The SDK's service id for `AWS_ENDPOINT_URL_<ID>`, e.g. `BILLING`, `BILLINGCONDUCTOR`. */
  readonly endpointEnv: string;
  /** AWS's endpoint, e.g. `https://billing.us-east-1.api.aws`. */
  readonly defaultEndpoint: string;
  readonly region: string;
}

/** An error response of the service: its type, message and HTTP status. */
export class AwsServiceError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status: number,
    readonly reason?: string,
  ) {
    super(`${type}: ${message}`);
    this.name = type;
  }
}

const RETRYABLE = new Set([429, 500, 502, 503, 504]);
const ATTEMPTS = 4;

export class SignedClient {
  private readonly signer: SignatureV4;
  private readonly endpoint: URL;

  constructor(
    spec: ServiceSpec,
    credentials: () => Promise<Credentials>,
    env: NodeJS.ProcessEnv = process.env,
  ) {
    this.signer = new SignatureV4({ service: spec.signingName, region: spec.region, sha256: Sha256, credentials, applyChecksum: true });
    this.endpoint = new URL(env[`AWS_ENDPOINT_URL_${spec.endpointEnv}`] ?? env["AWS_ENDPOINT_URL"] ?? spec.defaultEndpoint);
  }

  /** AWS JSON 1.0/1.1: POST / with `X-Amz-Target`. */
  json(target: string, input: unknown, version: "1.0" | "1.1" = "1.0"): Promise<unknown> {
    return this.send("/", input, { "x-amz-target": target, "content-type": `application/x-amz-json-${version}` });
  }

  /** REST-JSON: POST to the operation's path. */
  restJson(path: string, input: unknown, headers: Record<string, string> = {}): Promise<unknown> {
    return this.send(path, input, { "content-type": "application/json", ...headers });
  }

  private async send(path: string, input: unknown, headers: Record<string, string>): Promise<unknown> {
    const body = JSON.stringify(input, (_, v: unknown) => (v instanceof Date ? v.getTime() / 1000 : v));
    for (let attempt = 1; ; attempt++) {
      const signed = await this.signer.sign({
        method: "POST",
        protocol: this.endpoint.protocol,
        hostname: this.endpoint.hostname,
        ...(this.endpoint.port === "" ? {} : { port: Number(this.endpoint.port) }),
        path: `${this.endpoint.pathname.replace(/\/$/, "")}${path}`,
        query: {},
        headers: { host: this.endpoint.host, ...headers },
        body,
      });
      const url = `${this.endpoint.protocol}//${this.endpoint.host}${signed.path}`;
      const res = await fetch(url, { method: "POST", headers: signed.headers, body });
      const text = await res.text();
      if (res.ok) return text === "" ? {} : JSON.parse(text);
      if (RETRYABLE.has(res.status) && attempt < ATTEMPTS) {
        await new Promise((r) => setTimeout(r, 100 * 2 ** attempt * Math.random()));
        continue;
      }
      let parsed: { __type?: string; message?: string; Message?: string; Reason?: string } = {};
      try {
        parsed = JSON.parse(text);
      } catch {
        // Not JSON: the status and the text say it.
      }
      const type = (res.headers.get("x-amzn-errortype") ?? parsed.__type ?? `HTTP${res.status}`).split(":")[0]!.split("#").at(-1)!;
      throw new AwsServiceError(type, parsed.message ?? parsed.Message ?? text.slice(0, 300), res.status, parsed.Reason);
    }
  }
}
