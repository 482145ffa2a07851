/**
 * A local fake of the slice of GitHub's REST API `payerfleet comment` uses, on 127.0.0.1: a
 * pull request's comments listed (paginated, with a Link header), created, edited and deleted.
 * Tests can make it refuse writes (a fork's read-only token) or fail the next requests.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeComment {
  id: number;
  body: string;
  user: string;
}

export class FakeGitHub {
  readonly comments: FakeComment[] = [];
  /** Every request, as `METHOD path`. */
  readonly requests: string[] = [];
  /** Answer writes with 403, as GitHub does for a token that may not write. */
  denyWrites = false;
  /** Statuses to answer the next requests with, one each, before behaving. */
  failures: number[] = [];
  private nextId = 1000;

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<FakeGitHub> {
    let fake: FakeGitHub | undefined;
    const server = createServer((req, res) => void fake!.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    fake = new FakeGitHub(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    return fake;
  }

  /** A comment someone else wrote, or another key's. */
  add(body: string, user = "someone"): FakeComment {
    const comment = { id: this.nextId++, body, user };
    this.comments.push(comment);
    return comment;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", this.url);
    this.requests.push(`${req.method} ${url.pathname}`);
    let text = "";
    for await (const chunk of req) text += chunk;
    const send = (status: number, body?: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { "content-type": "application/json", ...headers });
      res.end(body === undefined ? "" : JSON.stringify(body));
    };
    const failure = this.failures.shift();
    if (failure !== undefined) return send(failure, { message: `fake failure ${failure}` });
    if (req.headers.authorization !== "token test-token") return send(401, { message: "Bad credentials" });
    const list = /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/.exec(url.pathname);
    const one = /^\/repos\/([^/]+)\/([^/]+)\/issues\/comments\/(\d+)$/.exec(url.pathname);
    const write = req.method !== "GET";
    if (write && this.denyWrites) return send(403, { message: "Resource not accessible by integration" });
    if (list && req.method === "GET") {
      const perPage = Number(url.searchParams.get("per_page") ?? 30);
      const page = Number(url.searchParams.get("page") ?? 1);
      const slice = this.comments.slice((page - 1) * perPage, page * perPage);
      const last = Math.max(1, Math.ceil(this.comments.length / perPage));
      const link: Record<string, string> = page < last ? { link: `<${this.url}${url.pathname}?per_page=${perPage}&page=${page + 1}>; rel="next", <${this.url}${url.pathname}?per_page=${perPage}&page=${last}>; rel="last"` } : {};
      return send(200, slice.map((c) => ({ id: c.id, body: c.body, user: { login: c.user } })), link);
    }
    if (list && req.method === "POST") {
      const comment = this.add((JSON.parse(text) as { body: string }).body, "payerfleet-bot");
      return send(201, { id: comment.id, body: comment.body });
    }
    const comment = one ? this.comments.find((c) => c.id === Number(one[3])) : undefined;
    if (one && comment === undefined) return send(404, { message: "Not Found" });
    if (one && req.method === "PATCH") {
      comment!.body = (JSON.parse(text) as { body: string }).body;
      return send(200, { id: comment!.id, body: comment!.body });
    }
    if (one && req.method === "DELETE") {
      this.comments.splice(this.comments.indexOf(comment!), 1);
      return send(204);
    }
    return send(404, { message: "Not Found" });
  }
}
