"""The one supersession walker: forward to the claim at the end of a chain, backward through
every claim replaced, and the id met again when a chain loops."""

from __future__ import annotations

from briefing.chains import forward, walk

SUCCESSOR = {"a": "b", "b": "c", "x": "c", "loop1": "loop2", "loop2": "loop3", "loop3": "loop1"}


def successor(claim_id: str) -> str | None:
    return SUCCESSOR.get(claim_id)


def replaced(claim_id: str) -> list[str]:
    return sorted(k for k, v in SUCCESSOR.items() if v == claim_id)


def test_forward_ends_at_the_current_claim():
    found = walk("a", forward(successor))
    assert found.chain == ("a", "b", "c") and found.again is None
    assert walk("c", forward(successor)).chain == ("c",)


def test_backward_reaches_every_claim_replaced_nearest_first():
    found = walk("c", replaced)
    assert found.reached == ("b", "x", "a") and found.again is None


def test_a_loop_names_the_id_met_again():
    found = walk("loop2", forward(successor))
    assert found.chain == ("loop2", "loop3", "loop1") and found.again == "loop2"
    self_loop = walk("s", forward(lambda cid: "s"))
    assert self_loop.reached == () and self_loop.again == "s"
