/**
 * `payerfleet withdraw`: the one way payerfleet ends a billing transfer. Removing a partner from
 * the inventory or `destroy` never does. An open invitation is cancelled (CancelHandshake); an
 * accepted transfer is withdrawn from the bill-transfer account (TerminateResponsibilityTransfer)
 * to end with a month; a service period the customer accepted may forbid it (INVALID_END_DATE).
 */
import { ambientRegion, ambientSts } from "../../aws/sessions.ts";
import { TransferRefused } from "../../billing-transfer/organizations.ts";
import { billTransferSession } from "../../billing-transfer/session.ts";
import { earliestWithdrawal, utc, type Month } from "../../domain/billing-transfer/calendar.ts";
import { currentTransfer, isLive, sourceName, stageOf } from "../../domain/billing-transfer/lifecycle.ts";
import { InputError } from "../../io/errors.ts";
import { EXIT, type ExitCode } from "../../io/exit-codes.ts";
import { isTransfer } from "../../inventory/schema.ts";
import { billTransferAccountOf } from "../../inventory/stack-inputs.ts";
import { namedStacks } from "../../inventory/stacks.ts";
import { loadOrThrow } from "../inventory-option.ts";
import type { CommandIo } from "../io.ts";

export interface WithdrawOptions {
  readonly inventory: string;
  readonly partner: string;
  readonly endMonth?: string;
}

export interface WithdrawDeps {
  readonly now?: () => Date;
}

export async function runWithdraw(options: WithdrawOptions, io: CommandIo, deps: WithdrawDeps = {}): Promise<ExitCode> {
  const { inventory } = await loadOrThrow(io, options.inventory);
  const [target] = namedStacks(inventory, [options.partner], { hub: false });
  const partner = inventory.partners.find((p) => p.id === target!.stack)!;
  if (!isTransfer(partner)) throw new InputError([`${partner.id} is a custody partner: it has no billing transfer to withdraw (offboarding is payerfleet destroy)`]);
  const now = (deps.now ?? (() => new Date()))();
  const month = (options.endMonth ?? earliestWithdrawal(now)) as Month;
  const account = billTransferAccountOf(inventory, partner);
  const aws = { region: ambientRegion(io.env), maxAttempts: 5 };
  const sts = ambientSts(aws);
  const session = await billTransferSession(sts, account, inventory.distributor.automation.roleName, "withdraw", aws, io.env);
  try {
    const transfer = currentTransfer(await session.inbound.named(sourceName(partner.id)), now);
    const stage = stageOf(transfer, now);
    // Live and not already withdrawn: an open invitation, or an accepted transfer.
    if (transfer === undefined || !isLive(stage) || stage === "withdrawing") {
      io.stderr(`payerfleet withdraw: ${partner.id} has no live billing transfer to withdraw (${transfer === undefined ? "none was ever sent" : `${transfer.id} is ${stage}`})\n`);
      return EXIT.failed;
    }
    if (stage === "invited") {
      await session.inbound.api.cancel(transfer.handshakeId!);
      io.stdout(`${partner.id}: invitation ${transfer.handshakeId} (${transfer.id}) cancelled; nothing was transferred\n`);
      return EXIT.ok;
    }
    const ended = await session.inbound.api.withdraw(transfer.id, month);
    io.stdout(`${partner.id}: ${transfer.id} withdrawn: the distributor pays until ${utc(ended.end!)}; a withdrawal cannot be undone\n`);
    return EXIT.ok;
  } catch (err) {
    if (!(err instanceof TransferRefused)) throw err;
    io.stderr(`payerfleet withdraw: ${partner.id}: ${err.message}\n`);
    return EXIT.failed;
  } finally {
    session.close();
    sts.destroy();
  }
}
