"""Conversation memory on both backends: per conversation, bounded in turns and tokens, persistent across
restarts, one conversation across replicas."""

from __future__ import annotations

import sqlite3
import threading

from agent.answer import Turn
from agent.memory import ConversationMemory, bound_turns, estimate_tokens
from config import Settings


def memory(backend: Settings, **kw) -> ConversationMemory:
    return ConversationMemory(backend.model_copy(update=kw))


def exchange(i: int) -> tuple[Turn, Turn]:
    return Turn(role="user", text=f"问题{i}"), Turn(role="assistant", text=f"回答{i}", meta={"date": f"2025-10-0{i}"})


def test_round_trip_with_meta_and_survives_restart(backend):
    mem = memory(backend)
    mem.append("chat-1", *exchange(1))
    mem.close()
    again = memory(backend)
    turns = again.load("chat-1")
    assert [(t.role, t.text) for t in turns] == [("user", "问题1"), ("assistant", "回答1")]
    assert turns[1].meta == {"date": "2025-10-01"}
    assert (backend.data_dir / "memory.sqlite3").is_file() == (backend.database_url is None)


def test_conversations_are_separate(backend):
    mem = memory(backend)
    mem.append("a", *exchange(1))
    mem.append("b", *exchange(2))
    assert [t.text for t in mem.load("a")] == ["问题1", "回答1"]
    assert [t.text for t in mem.load("b")] == ["问题2", "回答2"]
    assert mem.load("nobody") == []
    mem.clear("a")
    assert mem.load("a") == [] and mem.load("b")


def test_bounded_in_turns_and_pruned_on_disk(backend):
    mem = memory(backend, memory_turns=2)
    for i in range(1, 6):
        mem.append("c", *exchange(i))
    assert [t.text for t in mem.load("c")] == ["问题4", "回答4", "问题5", "回答5"]
    assert mem.message_count("c") == 4 and mem.message_count() == 4


def test_bounded_in_tokens(backend):
    mem = memory(backend, memory_turns=10, memory_tokens=60)
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


def test_a_chat_that_got_a_new_id_keeps_its_conversations(backend):
    mem = memory(backend)
    mem.append("-4900:0:7", *exchange(1))
    mem.append("-49000:0:7", *exchange(2))  # another chat whose id merely starts the same way
    mem.move_chat(-4900, -1000000004900)
    assert [t.text for t in mem.load("-1000000004900:0:7")] == ["问题1", "回答1"]
    assert mem.load("-4900:0:7") == [] and [t.text for t in mem.load("-49000:0:7")] == ["问题2", "回答2"]


def test_a_follow_up_on_another_replica_continues_the_conversation(backend):
    first, second = memory(backend), memory(backend)
    first.append("chat-9", *exchange(1))
    assert [t.text for t in second.load("chat-9")] == ["问题1", "回答1"]  # written before the answer went out
    barrier = threading.Barrier(2)

    def answer(mem: ConversationMemory, i: int) -> None:
        barrier.wait()
        for k in range(5):
            mem.append("chat-9", *exchange(10 * i + k))

    threads = [threading.Thread(target=answer, args=(m, i)) for i, m in enumerate((first, second), start=1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert first.message_count("chat-9") == 20  # memory_turns=10 exchanges kept; none lost to a seq race


def test_a_memory_file_from_before_versioning_keeps_its_turns(tmp_path):
    with sqlite3.connect(tmp_path / "memory.sqlite3") as db:
        db.execute(
            "CREATE TABLE turns (conversation_id TEXT NOT NULL, seq INTEGER NOT NULL, role TEXT NOT NULL,"
            " text TEXT NOT NULL, meta TEXT NOT NULL DEFAULT '{}', created_at REAL NOT NULL,"
            " PRIMARY KEY (conversation_id, seq))"
        )
        db.execute(
            "INSERT INTO turns VALUES ('c', 7, 'user', '问题1', '{}', 0), ('c', 8, 'assistant', '回答1', '{}', 0)"
        )
    mem = ConversationMemory(Settings(data_dir=tmp_path))
    mem.append("c", *exchange(2))
    assert [t.text for t in mem.load("c")] == ["问题1", "回答1", "问题2", "回答2"]
