"""``welcomedly records distribute|rebalance``: hand campaign records to agents.

    welcomedly records distribute --campaign ID [--by share]
    welcomedly records rebalance --campaign ID --from-agent ID [--to-agent ID ...]
"""

from __future__ import annotations

import argparse

from welcomedly_desktop.cli.common import EXIT_OK, CliContext, entity_id
from welcomedly_desktop.i18n import translate


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    records = subparsers.add_parser("records", help=translate("cli", "hand campaign records to agents"))
    xsub = records.add_subparsers(dest="records_command", metavar="ACTION", required=True, parser_class=type(records))
    dist = xsub.add_parser("distribute", parents=[common], help=translate("cli", "hand unassigned records to the campaign's agents"))
    dist.add_argument("--campaign", type=entity_id, required=True, metavar="ID")
    dist.add_argument("--by", choices=("balanced", "share"), default="balanced",
                      help=translate("cli", "balanced round-robin (default) or in proportion to each agent's share"))
    dist.add_argument("--json", action="store_true")
    dist.set_defaults(handler=cmd_records_distribute)
    reb = xsub.add_parser("rebalance", parents=[common], help=translate("cli", "move one agent's open records to other agents"))
    reb.add_argument("--campaign", type=entity_id, required=True, metavar="ID")
    reb.add_argument("--from-agent", type=entity_id, required=True, metavar="ID")
    reb.add_argument("--to-agent", type=entity_id, action="append", metavar="ID",
                     help=translate("cli", "receiving agent (repeat; default: the campaign's other agents)"))
    reb.add_argument("--json", action="store_true")
    reb.set_defaults(handler=cmd_records_rebalance)


def _print_distribution(ctx: CliContext, result, sentence: str) -> None:  # noqa: ANN001
    """``sentence``: a translated template with {n} (records) and {campaign}."""
    if ctx.args.json:
        ctx.print_json(result.to_dict())
        return
    ctx.print(sentence.format(n=result.total, campaign=result.campaign_id))
    for agent_id, count in sorted(result.assigned.items()):
        ctx.print(translate("cli", "  agent {agent}: {n:,}").format(agent=agent_id, n=count))


def cmd_records_distribute(ctx: CliContext) -> int:
    from welcomedly_desktop.services import distribution

    actor = ctx.actor()
    with ctx.db.session() as session:
        result = distribution.distribute(session, actor, ctx.args.campaign, by_share=ctx.args.by == "share")
    _print_distribution(ctx, result, translate("cli", "Distributed {n:,} records of campaign {campaign}."))
    return EXIT_OK


def cmd_records_rebalance(ctx: CliContext) -> int:
    from welcomedly_desktop.services import distribution

    a = ctx.args
    actor = ctx.actor()
    with ctx.db.session() as session:
        result = distribution.rebalance(session, actor, a.campaign, a.from_agent, a.to_agent)
    _print_distribution(ctx, result, translate("cli", "Moved {n:,} records of campaign {campaign}."))
    return EXIT_OK
