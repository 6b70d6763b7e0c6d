"""Stopping a thread's queries once their answer is not wanted (``store.files.stopping``)."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from store.files.database import Database
from store.files.stopping import Stopped, Stopper

ENDLESS = (
    "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 4000000000) "
    "SELECT count(*) FROM c"
)
"""A query that runs for minutes unless interrupted."""


@pytest.fixture
def database(tmp_path: Path) -> Database:
    return Database(tmp_path / "index.sqlite", ["CREATE TABLE IF NOT EXISTS t (x)"])


def run_watched(database: Database, stopper: Stopper, outcome: list[str]) -> threading.Thread:
    def query() -> None:
        try:
            with stopper.watching(), database.connection() as connection:
                connection.execute(ENDLESS).fetchone()
            outcome.append("finished")
        except Stopped:
            outcome.append("stopped")

    thread = threading.Thread(target=query, daemon=True)
    thread.start()
    return thread


def test_a_stopped_query_ends_at_once_and_its_connection_serves_again(
    database: Database,
) -> None:
    stopper, outcome = Stopper(), []
    thread = run_watched(database, stopper, outcome)
    time.sleep(0.2)  # the query under way
    began = time.perf_counter()
    stopper.stop()
    thread.join(5)
    assert outcome == ["stopped"]
    assert time.perf_counter() - began < 2
    # The interrupted connection went back to the pool and answers the next query.
    with database.connection() as connection:
        assert connection.execute("SELECT 41 + 1").fetchone() == (42,)


def test_a_stopper_stopped_before_the_query_refuses_it(database: Database) -> None:
    stopper = Stopper()
    stopper.stop()
    with pytest.raises(Stopped), stopper.watching(), database.connection() as connection:
        connection.execute(ENDLESS).fetchone()  # never reached
    with database.connection() as connection:  # the connection taken went back
        assert connection.execute("SELECT 1").fetchone() == (1,)


def test_stopping_after_the_block_reaches_no_other_query(database: Database) -> None:
    """A connection given back is no longer the stopper's: a later stop leaves it be."""
    stopper = Stopper()
    with stopper.watching(), database.connection() as connection:
        connection.execute("SELECT 1").fetchone()
    outcome: list[str] = []

    def unwatched() -> None:
        with database.connection() as connection:
            got = connection.execute(
                "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c "
                "WHERE x < 3000000) SELECT count(*) FROM c"
            ).fetchone()
        outcome.append(str(got[0]))

    thread = threading.Thread(target=unwatched, daemon=True)
    thread.start()
    time.sleep(0.05)
    stopper.stop()
    thread.join(30)
    assert outcome == ["3000000"]


def test_an_error_of_another_kind_is_not_taken_for_a_stop(database: Database) -> None:
    stopper = Stopper()
    with (
        pytest.raises(Exception, match="no such table") as raised,
        stopper.watching(),
        database.connection() as connection,
    ):
        connection.execute("SELECT * FROM missing")
    assert not isinstance(raised.value, Stopped)
