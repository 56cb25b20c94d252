"""Conversation memory: per conversation, bounded in turns and tokens, persistent across restarts."""

from __future__ import annotations

from agent.answer import Turn
from agent.memory import ConversationMemory, bound_turns, estimate_tokens
from config import Settings


def memory(tmp_path, **kw) -> ConversationMemory:
    return ConversationMemory(Settings(data_dir=tmp_path, **kw))


def exchange(i: int) -> tuple[Turn, Turn]:
    return Turn(role="user", text=f"问题{i}"), Turn(role="assistant", text=f"回答{i}", meta={"date": f"2025-10-0{i}"})


def test_round_trip_with_meta_and_survives_restart(tmp_path):
    mem = memory(tmp_path)
    mem.append("chat-1", *exchange(1))
    mem.close()
    again = memory(tmp_path)
    turns = again.load("chat-1")
    assert [(t.role, t.text) for t in turns] == [("user", "问题1"), ("assistant", "回答1")]
    assert turns[1].meta == {"date": "2025-10-01"}
    assert (tmp_path / "memory.sqlite3").is_file()


def test_conversations_are_separate(tmp_path):
    mem = memory(tmp_path)
    mem.append("a", *exchange(1))
    mem.append("b", *exchange(2))
    assert [t.text for t in mem.load("a")] == ["问题1", "回答1"]
    assert [t.text for t in mem.load("b")] == ["问题2", "回答2"]
    assert mem.load("nobody") == []
    mem.clear("a")
    assert mem.load("a") == [] and mem.load("b")


def test_bounded_in_turns_and_pruned_on_disk(tmp_path):
    mem = memory(tmp_path, memory_turns=2)
    for i in range(1, 6):
        mem.append("c", *exchange(i))
    assert [t.text for t in mem.load("c")] == ["问题4", "回答4", "问题5", "回答5"]
    (rows,) = mem._db.execute("SELECT COUNT(*) FROM turns").fetchone()
    assert rows == 4


def test_bounded_in_tokens(tmp_path):
    mem = memory(tmp_path, memory_turns=10, memory_tokens=60)
    mem.append("c", Turn(role="user", text="长" * 100), Turn(role="assistant", text="答" * 100))
    mem.append("c", *exchange(2))
    turns = mem.load("c")
    assert [t.text for t in turns] == ["问题2", "回答2"]


def test_bound_never_starts_with_an_answer():
    turns = [
        Turn(role="user", text="q" * 400),
        Turn(role="assistant", text="a"),
        Turn(role="user", text="q2"),
        Turn(role="assistant", text="a2"),
    ]
    kept = bound_turns(turns, max_turns=10, max_tokens=estimate_tokens("a") + estimate_tokens("q2") + 10)
    assert [t.text for t in kept] == ["q2", "a2"]


def test_token_estimate_counts_cjk_per_character():
    assert estimate_tokens("成交额") >= 3
    assert estimate_tokens("turnover " * 40) < 120


def test_a_chat_that_got_a_new_id_keeps_its_conversations(tmp_path):
    mem = memory(tmp_path)
    mem.append("-4900:0:7", *exchange(1))
    mem.append("-49000:0:7", *exchange(2))  # another chat whose id merely starts the same way
    mem.move_chat(-4900, -1000000004900)
    assert [t.text for t in mem.load("-1000000004900:0:7")] == ["问题1", "回答1"]
    assert mem.load("-4900:0:7") == [] and [t.text for t in mem.load("-49000:0:7")] == ["问题2", "回答2"]
