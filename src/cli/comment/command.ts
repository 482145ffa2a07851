import type { Argv, CommandModule } from "yargs";
import { commandModule } from "../command-module.ts";
import type { CommandContext } from "../io.ts";
import type { CommentOptions } from "./run.ts";

export function commentCommand(ctx: CommandContext): CommandModule<object, never> {
  return commandModule<CommentOptions & { readonly inventory: string }>(ctx, {
    command: "comment",
    describe: "Post a Markdown report as the pull request's comments, one set per workflow, job and shard, edited in place",
    options: (y: Argv) =>
      y
        .option("markdown", { type: "string", nargs: 1, describe: "The report's first part (further parts FILE.2.md ... are found beside it)" })
        .option("pr", { type: "string", nargs: 1, describe: "Pull request number; default: the workflow event's (GITHUB_EVENT_PATH)" })
        .option("repo", { type: "string", nargs: 1, describe: "OWNER/NAME; default $GITHUB_REPOSITORY" })
        .option("key", { type: "string", nargs: 1, describe: "Which comments are this job's; default: workflow / job / shard" })
        .option("summary", { type: "boolean", default: false, describe: "Also write a short summary to $GITHUB_STEP_SUMMARY" })
        .option("post", { type: "boolean", default: true, describe: "Post the comments (--no-post: the summary only)" })
        .example("$0 comment --markdown pr.md", "In a pull request's workflow, after payerfleet preview --markdown pr.md"),
    parse: (argv, problems) => {
      const markdown = problems.required("markdown", argv["markdown"], "one file", "the report to post (payerfleet preview --markdown FILE)");
      const pr = argv["pr"] === undefined ? undefined : problems.integer("pr", argv["pr"], 1);
      const repo = problems.single("repo", argv["repo"], "one repository");
      const key = problems.single("key", argv["key"], "one key");
      return {
        // No inventory: the report is all this command reads.
        inventory: "",
        markdown,
        ...(pr === undefined ? {} : { pr }),
        ...(repo === undefined ? {} : { repo }),
        ...(key === undefined ? {} : { key }),
        summary: argv["summary"] === true,
        post: argv["post"] !== false,
      };
    },
    load: async () => (await import("./run.ts")).runComment,
  });
}
