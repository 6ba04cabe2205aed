def test_token_spans_are_the_runs_str_split_separates() -> None:
    import random
    import re

    from marsad.events.context import _token_spans

    rng = random.Random(4)
    pieces = [
        "قصف",
        "ال",
        "12",
        " ",
        "  ",
        "\n",
        "\u00a0",
        "\u2003",
        "،",
        "a",
        "\t",
        "\x1c",
        "\x85",
        "_",
        "²",
    ]
    for _ in range(40):
        text = "".join(rng.choice(pieces) for _ in range(60))
        runs = [m.span() for m in re.finditer(r"\S+", text)]
        starts, ends = _token_spans(text)
        assert list(zip(starts, ends, strict=True)) == runs
        assert [text[s:e] for s, e in zip(starts, ends, strict=True)] == text.split()
