"""``marketbot``'s parser for one command (bot.cli.parser_for) reads that command as the whole parser does.

``main`` imports only the modules of the command it runs (bot.cli.COMMANDS); these tests keep that table in step
with what the modules register and show that the command's own help and parsing are the same either way.
"""

from __future__ import annotations

import argparse

import pytest

from bot.cli import COMMAND_MODULES, COMMANDS, build_parser, parser_for


def _commands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def _help(parser: argparse.ArgumentParser) -> str:
    """A parser's help and its nested actions' help (``data update`` ...)."""
    parts = [parser.format_help()]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            parts += [f"{name}:\n{_help(sub)}" for name, sub in action.choices.items()]
    return "\n".join(parts)


FULL = _commands(build_parser())


def test_every_command_is_in_the_table_and_only_those():
    assert set(COMMANDS) == set(FULL)
    for names in COMMANDS.values():
        assert list(names) == [name for name in COMMAND_MODULES if name in names]  # registered in the same order


@pytest.mark.parametrize("command", sorted(FULL))
def test_a_command_alone_has_the_whole_parsers_help(command):
    alone = _commands(parser_for([command]))
    assert command in alone
    assert _help(alone[command]) == _help(FULL[command])
    assert _help(_commands(parser_for(["--debug", command]))[command]) == _help(FULL[command])


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["-h"],
        ["--help", "ask"],
        ["--he", "ask"],  # an abbreviated --help
        ["nosuchcommand"],
        ["--", "ask"],
    ],
)
def test_help_and_unknown_words_get_the_whole_parser(argv):
    assert set(_commands(parser_for(argv))) == set(FULL)


def test_the_same_namespace_either_way():
    argv = ["--debug", "ask", "2025年成交额最高是哪天", "--date", "2026-07-31", "--lang", "zh"]
    assert vars(parser_for(argv).parse_args(argv)) == vars(build_parser().parse_args(argv))
    argv = ["data", "migrate-to-postgres", "--url", "postgresql://u@h/db"]
    assert vars(parser_for(argv).parse_args(argv)) == vars(build_parser().parse_args(argv))
