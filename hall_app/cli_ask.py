"""``hall-app ask``: the reception assistant from the command line (issue 18 §4).

Read-only public information (the catalog), so it runs as the anonymous device actor like
``catalog check`` (docs/cli-auth.md). ``--json`` prints ``{"results": [{"code", "name",
"kind", "score", "why", "basic_code", "lane"}, …]}`` best first; with nothing above the
threshold ``results`` is empty and ``message`` and ``categories`` say what to choose from.
Exit 0 in both cases; a bad question (empty, too long) exits 1 like every known error.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from hall_app.cli_common import EXIT_OK, AddCommand, Subcommands, _hall, _out

if TYPE_CHECKING:
    from hall_app.services.ask import Answer


def answer_data(answer: Answer) -> dict[str, Any]:
    """The JSON of an answer (the benchmark reads the same)."""
    data: dict[str, Any] = {
        "results": [
            {
                "code": r.code,
                "name": r.name,
                "kind": r.kind,
                "score": r.score,
                "why": r.why,
                "basic_code": r.basic_code,
                "lane": r.lane,
            }
            for r in answer.results
        ]
    }
    if not answer.results:
        data["message"] = answer.message
        data["categories"] = [{"code": c, "name": n} for c, n in answer.categories]
        if answer.elsewhere is not None:
            data["elsewhere"] = {"word": answer.elsewhere[0], "where": answer.elsewhere[1]}
    return data


def answer_text(answer: Answer) -> str:
    """A readable Chinese list: number, kind, name, lane, and why."""
    if not answer.results:
        lanes = "\n".join(f"  {code}  {name}" for code, name in answer.categories)
        return f"{answer.message}\n{lanes}"
    lines = []
    for number, r in enumerate(answer.results, start=1):
        kind = "一件事" if r.kind == "bundle" else "事项"
        lines.append(f"{number}. 【{kind}】{r.name}（取号类别 {r.lane}，得分 {r.score}）")
        lines.append(f"   匹配：{r.why}")
    return "\n".join(lines)


def cmd_ask(args: argparse.Namespace) -> int:
    with _hall(args) as hall:
        answer = hall.ask.ask(args.question, top=args.top)
    _out(args, answer_data(answer), answer_text(answer))
    return EXIT_OK


def add_ask_command(add: AddCommand, sub: Subcommands) -> None:
    p = add(
        "ask",
        cmd_ask,
        "导服智能问答：用市民自己的话找事项或一件事（如「孩子刚出生要办哪些手续」）",
        sub,
    )
    p.add_argument("question", help="市民的问题")
    p.add_argument("--top", type=int, default=3, help="最多列出几项（1–10，默认 3）")
