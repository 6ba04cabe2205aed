"""Tests for ``marsad evaluate`` with a small gold set and a scripted (fake) pipeline."""

from __future__ import annotations

import io
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any, ClassVar

import pytest
from click.testing import CliRunner, Result
from rich.console import Console

from marsad.cli import main
from marsad.cli.evaluate import DelayedProgress
from marsad.evaluate.gold import load_gold
from marsad.model import Document, Event, Label, Span
from marsad.pipeline import Analysis, Pipeline

GOLD = """\
### doc: sy-statement-001
### style: statement
### conflict: SY
### published: 2017-04-02
قالت [[حركة أحرار الشام|ORG|ahrar-al-sham]] إن [[قوات النظام|ORG|syrian-government-forces]] قصفت
[[حماة|PLACE|geonames:170063]] [[يوم 5 أيار 2017|TIME|2017-05-05]]
وقتل [[مدنيون|GROUP|civilians]] في قرية [[سنسحر|PLACE|none]].

### doc: ye-news-001
### style: news
### conflict: YE
أعلن [[الحوثيون|ORG|houthis]] سيطرتهم على [[مأرب|PLACE|geonames:71137]] بحسب [[عبد الملك الحوثي|PERSON]].
"""


EVENT_GOLD = """\
### doc: sy-statement-002
### style: statement
### conflict: SY
### events: complete
قصفت [[قوات النظام|ORG|syrian-government-forces]] مدينة [[حماة|PLACE|geonames:170063]] \
فقتل [[مدنيون|GROUP|civilians]]،
وطالبت [[حركة أحرار الشام|ORG|ahrar-al-sham]] بوقف القصف على قرية [[سنسحر|PLACE|none]].
### event: e1 | type=ASSAULT | mode=heavy-weapons | acled=Shelling/artillery/missile attack | trigger=قصفت#1 \
| actor1=syrian-government-forces | actor2=civilians | place=حماة#1 | modality=asserted \
| evidence=قصفت قوات النظام مدينة حماة#1
### event: e2 | type=REQUEST | acled=- | trigger=طالبت#1 | actor1=ahrar-al-sham | place=سنسحر#1 \
| modality=asserted | evidence=طالبت حركة أحرار الشام بوقف القصف على قرية سنسحر#1

### doc: ye-news-002
### style: news
### conflict: YE
قصف [[الحوثيون|ORG|houthis]] مدينة [[مأرب|PLACE|geonames:71137]].
"""


class Oracle:
    """Predicts the gold mentions and events, except for scripted mistakes; raises on documents named
    "boom". Unresolved gold places get a "place:" entity, as the place resolver gives them."""

    name: ClassVar[str] = "oracle"
    requires: ClassVar[tuple[str, ...]] = ("text",)
    provides: ClassVar[tuple[str, ...]] = ("mentions",)

    def __init__(self, gold_path: Path, mistakes: bool) -> None:
        self.gold = {g.id: g for g in load_gold(gold_path)}
        self.mistakes = mistakes

    def __call__(self, doc: Document, analysis: Analysis) -> None:
        if "boom" in doc.id:
            raise RuntimeError("scripted failure")
        for g in self.gold[doc.id].mentions:
            entity = None if g.label is Label.TIME or g.link == "none" else g.link
            attrs: dict[str, Any] = {"value": g.link} if g.label is Label.TIME else {}
            if self.mistakes and g.text == "مأرب":
                continue  # missed place
            if self.mistakes and g.text == "قوات النظام":
                entity = "hayat-tahrir-al-sham"  # wrong link
            if self.mistakes and g.text == "سنسحر":
                entity = "geonames:1"  # must stay unresolved
            if g.label is Label.PLACE and g.link == "none" and not self.mistakes:
                entity = "place:" + g.text
            doc.add_mention(doc.span(g.start, g.end, g.label, entity=entity, attrs=attrs))
        if self.mistakes and doc.id == "ye-news-001":
            start = doc.text.index("سيطرتهم")
            doc.add_mention(doc.span(start, start + 7, Label.ORG))  # spurious
        for ge in self.gold[doc.id].events:
            place = None
            if ge.place is not None:
                place = ge.place.link if ge.place.link != "none" else "place:" + ge.place.text
            event = Event(
                id=ge.id,
                type=ge.type,
                trigger=Span(*ge.trigger),
                evidence=[Span(*ev) for ev in ge.evidence],
                acled={"sub_event_type": ge.acled} if ge.acled else None,
                actor1=ge.actor1,
                actor2=ge.actor2,
                place=place,
                date=ge.date,
            )
            if self.mistakes and ge.id == "e1":
                event.actor2 = None  # wrong slot
            if self.mistakes and ge.id == "e2":
                event.type = "REJECT"  # wrong type: missed and spurious
            doc.add_event(event)
        if doc.id == "ye-news-002":  # not event-complete: never scored
            start = doc.text.index("قصف")
            doc.add_event(Event(id="e1", type="ASSAULT", trigger=Span(start, start + 3, "قصف")))


@pytest.fixture
def gold_dir(tmp_path: Path) -> Path:
    path = tmp_path / "gold" / "dev"
    path.mkdir(parents=True)
    (path / "sample.txt").write_text(GOLD, encoding="utf-8")
    return path


@pytest.fixture
def event_gold_dir(tmp_path: Path) -> Path:
    path = tmp_path / "gold" / "events"
    path.mkdir(parents=True)
    (path / "sample.txt").write_text(EVENT_GOLD, encoding="utf-8")
    return path


def use_pipeline(monkeypatch: pytest.MonkeyPatch, gold_dir: Path, mistakes: bool) -> list[dict[str, Any]]:
    """Make Pipeline.default build the oracle pipeline; returns the recorded call arguments."""
    calls: list[dict[str, Any]] = []

    def default(
        cls: type[Pipeline], kb_paths: Iterable[str] = (), gazetteer_path: str | None = None
    ) -> Pipeline:
        calls.append({"kb_paths": tuple(kb_paths), "gazetteer_path": gazetteer_path})
        return cls([Oracle(gold_dir, mistakes)])

    monkeypatch.setattr(Pipeline, "default", classmethod(default))
    return calls


def run(*args: str) -> Result:
    return CliRunner().invoke(main, ["evaluate", *args], env={"COLUMNS": "240"})


def test_perfect_predictions_table(monkeypatch: pytest.MonkeyPatch, gold_dir: Path) -> None:
    use_pipeline(monkeypatch, gold_dir, mistakes=False)
    result = run(str(gold_dir))
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Mentions: exact span + label" in out
    assert "F1 micro by style" in out and "F1 micro by conflict" in out
    assert "Links (TIME: normalized values)" in out
    assert "statement" in out and "YE" in out
    assert "2 documents, 9 gold / 9 predicted mentions: exact F1 1.000" in out
    assert "link accuracy 1.000" in out and "TIME value accuracy 1.000" in out
    assert "Events:" not in out and "events:" not in out  # no event-complete gold document


def test_event_tables_with_perfect_predictions(monkeypatch: pytest.MonkeyPatch, event_gold_dir: Path) -> None:
    use_pipeline(monkeypatch, event_gold_dir, mistakes=False)
    result = run(str(event_gold_dir))
    assert result.exit_code == 0, result.output
    out = result.stdout
    for title in (
        "Events: detection (1 event-complete documents; type + span)",
        "Events: slots over matched pairs",
        "Events: gold type × predicted type (span-matched)",
        "Events F1 by style",
        "Events F1 by conflict",
    ):
        assert title in out
    assert "ACLED sub-event" in out and "spurious" in out and "missed" in out
    assert (
        "events: 1 event-complete documents, 2 gold / 2 predicted: F1 1.000 (P 1.000, R 1.000), "
        "untyped F1 1.000, actor1 1.000, place 1.000, date 1.000, ACLED 1.000"
    ) in out
    data = json.loads(run(str(event_gold_dir), "--format", "json").stdout)
    assert data["events"]["documents"] == 1
    assert data["events"]["slots"]["place"] == {"correct": 2, "total": 2, "accuracy": 1.0, "both_empty": 0}
    assert data["metrics"]["events.f1"] == 1.0 and data["metrics"]["events.conflict.SY.f1"] == 1.0
    assert "events.conflict.YE.f1" not in data["metrics"]  # the Yemen document is not event-complete


def test_event_errors_json_and_table(monkeypatch: pytest.MonkeyPatch, event_gold_dir: Path) -> None:
    use_pipeline(monkeypatch, event_gold_dir, mistakes=True)
    result = run(str(event_gold_dir), "--format", "json")
    assert result.exit_code == 0, result.output
    events = json.loads(result.stdout)["events"]
    assert {k: events["detection"][k] for k in ("tp", "fp", "fn")} == {"tp": 1, "fp": 1, "fn": 1}
    assert events["untyped"]["f1"] == 1.0
    assert events["confusion"] == {
        "ASSAULT": {"ASSAULT": 1},
        "REQUEST": {"REJECT": 1},
        "spurious": {},
    }
    assert events["slots"]["actor2"] == {"correct": 0, "total": 1, "accuracy": 0.0, "both_empty": 0}
    assert events["slots"]["place"]["total"] == 1  # only the typed-matched e1 is scored
    kinds = sorted((e["kind"], e["label"], e["text"], e["note"]) for e in events["errors"])
    assert [k[:3] for k in kinds] == [
        ("MISSED", "REQUEST", "طالبت"),
        ("SLOT", "ASSAULT", "قصفت"),
        ("SPURIOUS", "REJECT", "طالبت"),
    ]
    slot = next(e for e in events["errors"] if e["kind"] == "SLOT")
    assert (slot["note"], slot["expected"], slot["predicted"]) == ("e1 actor2", "civilians", None)

    table = run(str(event_gold_dir), "--errors", "5")
    assert "Event errors (first 3 of 3)" in table.stdout
    assert "e1 actor2: expected civilians, got ∅" in table.stdout
    assert "⟦طالبت⟧ حركة أحرار الشام" in table.stdout  # context in logical order, trigger marked
    assert "Event errors" not in run(str(event_gold_dir)).stdout


def test_json_output_and_errors(monkeypatch: pytest.MonkeyPatch, gold_dir: Path, tmp_path: Path) -> None:
    use_pipeline(monkeypatch, gold_dir, mistakes=True)
    out_file = tmp_path / "out" / "eval.json"
    result = run(str(gold_dir), "--format", "json", "--json-out", str(out_file))
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert json.loads(out_file.read_text(encoding="utf-8")) == data
    assert data["documents"] == 2
    assert data["exact"]["micro"] == {
        "tp": 8,
        "fp": 1,
        "fn": 1,
        "precision": 8 / 9,
        "recall": 8 / 9,
        "f1": pytest.approx(8 / 9),
    }
    assert data["exact"]["PLACE"]["fn"] == 1
    # ORG: 2 of 3 matched links right; PLACE: the "none" place got a gazetteer id
    assert data["link"]["ORG"]["accuracy"] == pytest.approx(2 / 3)
    assert data["link"]["PLACE"] == {"correct": 1, "total": 2, "accuracy": 0.5}
    assert data["link_e2e"]["PLACE"] == {"correct": 1, "total": 3, "accuracy": pytest.approx(1 / 3)}
    assert data["metrics"]["exact.TIME.f1"] == 1.0
    assert data["by_style"]["news"]["fn"] == 1
    assert set(data["by_conflict"]) == {"SY", "YE"}
    kinds = sorted((e["kind"], e["text"]) for e in data["errors"])
    assert kinds == [("FN", "مأرب"), ("FP", "سيطرتهم"), ("LINK", "سنسحر"), ("LINK", "قوات النظام")]
    fn = next(e for e in data["errors"] if e["kind"] == "FN")
    assert fn["before"].endswith("سيطرتهم على ") and fn["after"].startswith(" بحسب")
    assert "gate" not in data


def test_error_rows_keep_arabic_in_logical_order(monkeypatch: pytest.MonkeyPatch, gold_dir: Path) -> None:
    use_pipeline(monkeypatch, gold_dir, mistakes=True)
    result = run(str(gold_dir), "--errors", "2")
    assert result.exit_code == 0, result.output
    assert "Errors (first 2 of 4)" in result.stdout
    # the context is printed as stored (logical order), with the mention marked, never reversed
    assert "قوات النظام قصفت ⟦حماة" not in result.stdout  # a right link is not an error
    assert "إن ⟦قوات النظام⟧ قصفت" in result.stdout
    assert "النظام"[::-1] not in result.stdout
    no_errors = run(str(gold_dir))
    assert "Errors (" not in no_errors.stdout


def test_floors_gate(monkeypatch: pytest.MonkeyPatch, gold_dir: Path, tmp_path: Path) -> None:
    use_pipeline(monkeypatch, gold_dir, mistakes=True)
    floors = tmp_path / "floors.json"
    floors.write_text(
        json.dumps({"floors": {"exact.micro.f1": 0.85, "exact.TIME.f1": 1.0}}), encoding="utf-8"
    )
    passed = run(str(gold_dir), "--floors", str(floors))
    assert passed.exit_code == 0, passed.output
    assert "quality gate passed: 2 floors met" in passed.stderr

    floors.write_text(
        json.dumps({"floors": {"exact.micro.f1": 0.95, "link.ORG.accuracy": 0.9, "exact.TIME.f1": 0.5}}),
        encoding="utf-8",
    )
    failed = run(str(gold_dir), "--floors", str(floors), "--format", "json")
    assert failed.exit_code == 1
    assert "quality gate FAILED (2 of 3 floors)" in failed.stderr
    assert "exact.micro.f1: 0.8889 is below floor 0.9500" in failed.stderr
    assert "link.ORG.accuracy" in failed.stderr
    gate = json.loads(failed.stdout)["gate"]
    assert gate["passed"] is False
    assert [v["metric"] for v in gate["violations"]] == ["exact.micro.f1", "link.ORG.accuracy"]


def test_undefined_metric_fails_its_floor(
    monkeypatch: pytest.MonkeyPatch, gold_dir: Path, tmp_path: Path
) -> None:
    use_pipeline(monkeypatch, gold_dir, mistakes=False)
    floors = tmp_path / "floors.json"
    floors.write_text(json.dumps({"floors": {"style.telegram.f1": 0.5}}), encoding="utf-8")
    result = run(str(gold_dir), "--floors", str(floors))
    assert result.exit_code == 1
    assert "style.telegram.f1: unknown metric" in result.stderr


def test_update_floors_refuses_to_lower(
    monkeypatch: pytest.MonkeyPatch, gold_dir: Path, tmp_path: Path
) -> None:
    floors = tmp_path / "floors.json"
    use_pipeline(monkeypatch, gold_dir, mistakes=False)
    first = run(str(gold_dir), "--floors", str(floors), "--update-floors")
    assert first.exit_code == 0, first.output
    pinned = json.loads(floors.read_text(encoding="utf-8"))["floors"]
    assert pinned["exact.micro.f1"] == 1.0 and pinned["link.overall.accuracy"] == 1.0
    assert "exact.GROUP.f1" in pinned and "time.value_accuracy" in pinned
    assert not any(name.startswith("events.") for name in pinned)  # no event-complete gold

    use_pipeline(monkeypatch, gold_dir, mistakes=True)
    before = floors.read_bytes()
    refused = run(str(gold_dir), "--floors", str(floors), "--update-floors")
    assert refused.exit_code == 1
    assert "refused: exact.micro.f1 floor 1.0000 would become 0.8888" in refused.stderr
    assert floors.read_bytes() == before

    lowered = run(
        str(gold_dir), "--floors", str(floors), "--update-floors", "--allow-lower", "--margin", "0.05"
    )
    assert lowered.exit_code == 0, lowered.output
    assert json.loads(floors.read_text(encoding="utf-8"))["floors"]["exact.micro.f1"] == 0.8388
    check = run(str(gold_dir), "--floors", str(floors))
    assert check.exit_code == 0, check.output


def test_update_floors_adds_event_floors_once_events_are_predicted(
    monkeypatch: pytest.MonkeyPatch, event_gold_dir: Path, tmp_path: Path
) -> None:
    floors = tmp_path / "floors.json"
    floors.write_text(json.dumps({"floors": {"exact.micro.f1": 0.91}}), encoding="utf-8")
    use_pipeline(monkeypatch, event_gold_dir, mistakes=True)
    result = run(str(event_gold_dir), "--floors", str(floors), "--update-floors", "--margin", "0.02")
    assert result.exit_code == 0, result.output
    pinned = json.loads(floors.read_text(encoding="utf-8"))["floors"]
    assert pinned["exact.micro.f1"] == 0.91  # 12/13 meets it; 12/13 - 0.02 would lower it: kept
    assert pinned["events.f1"] == 0.48 and pinned["events.untyped.f1"] == 0.98
    assert pinned["events.slot.actor2"] == 0.0 and pinned["events.acled_accuracy"] == 0.98
    assert "events.slot.modality" not in pinned
    assert run(str(event_gold_dir), "--floors", str(floors)).exit_code == 0


def test_allow_lower_needs_update_floors(monkeypatch: pytest.MonkeyPatch, gold_dir: Path) -> None:
    use_pipeline(monkeypatch, gold_dir, mistakes=False)
    result = run(str(gold_dir), "--allow-lower")
    assert result.exit_code == 2
    assert "--allow-lower only makes sense with --update-floors" in result.output


def test_missing_gold_path_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = run(str(tmp_path / "nowhere"))
    assert result.exit_code == 2
    assert "no gold file or directory at" in result.output
    monkeypatch.chdir(tmp_path)
    default = run()
    assert default.exit_code == 2
    assert "gold/dev/*.txt in the repository root" in default.output


def test_missing_floors_file(monkeypatch: pytest.MonkeyPatch, gold_dir: Path, tmp_path: Path) -> None:
    use_pipeline(monkeypatch, gold_dir, mistakes=False)
    result = run(str(gold_dir), "--floors", str(tmp_path / "missing.json"))
    assert result.exit_code == 2
    assert "does not exist" in result.output


def test_malformed_gold_and_empty_gold(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "x.txt").write_text(
        "### doc: a\n### style: news\n### conflict: SY\n[[حماة|PLACE\n", encoding="utf-8"
    )
    result = run(str(bad))
    assert result.exit_code == 1
    assert "gold set is malformed" in result.output and "x.txt:4" in result.output
    empty = tmp_path / "empty"
    empty.mkdir()
    assert "no gold documents" in run(str(empty)).output


def test_component_failure_scores_document_as_missed(
    monkeypatch: pytest.MonkeyPatch, gold_dir: Path, tmp_path: Path
) -> None:
    (gold_dir / "sample.txt").write_text(
        GOLD + "\n### doc: boom-1\n### style: telegram\n### conflict: SY\n[[إدلب|PLACE|geonames:169389]]\n",
        encoding="utf-8",
    )
    calls = use_pipeline(monkeypatch, gold_dir, mistakes=False)
    kb = tmp_path / "kb.yaml"
    kb.write_text("actors: []\n", encoding="utf-8")
    result = run(str(gold_dir), "--format", "json", "--kb", str(kb))
    assert result.exit_code == 0, result.output
    assert calls == [{"kb_paths": (str(kb),), "gazetteer_path": None}]
    data = json.loads(result.stdout)
    assert list(data["failures"]) == ["boom-1"]
    assert data["exact"]["PLACE"]["fn"] == 1
    assert data["by_style"]["telegram"]["f1"] == 0.0
    assert "boom-1" in result.stderr and "scripted failure" in result.stderr


def test_help_lists_options() -> None:
    result = CliRunner().invoke(main, ["evaluate", "--help"])
    assert result.exit_code == 0
    for option in (
        "--format",
        "--json-out",
        "--errors",
        "--kb",
        "--floors",
        "--update-floors",
        "--allow-lower",
    ):
        assert option in result.output


def test_bad_knowledge_base_is_a_clear_error(gold_dir: Path, tmp_path: Path) -> None:
    kb = tmp_path / "bad.yaml"
    kb.write_text("actors: 5\n", encoding="utf-8")
    result = run(str(gold_dir), "--kb", str(kb))
    assert result.exit_code == 1
    assert "cannot build the pipeline" in result.output and "bad.yaml" in result.output


def test_progress_bar_appears_only_after_the_delay() -> None:
    console = Console(file=io.StringIO(), force_terminal=True, width=80)
    with DelayedProgress(console, delay=3600) as slow:
        slow(1, 2)
        assert slow.progress is None
    with DelayedProgress(console, delay=0) as fast:
        fast(1, 2)
        assert fast.progress is not None
        assert fast.progress.tasks[0].completed == 1
    quiet = Console(file=io.StringIO(), force_terminal=False)
    with DelayedProgress(quiet, delay=0) as piped:
        piped(1, 2)
        assert piped.progress is None  # no bar when stderr is not a terminal
