"""README.md starts with the two commands a new user runs, and CI runs the README's test command."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def readme_commands() -> list[str]:
    block = re.search(r"```bash\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), re.S)
    assert block, "README.md must start with a bash block of commands"
    return [ln for ln in block.group(1).splitlines() if ln.strip() and not ln.startswith("#")]


def test_readme_has_install_run_and_test_commands() -> None:
    run, test = readme_commands()[:2]
    assert "pip install" in run and "marsad extract examples/" in run
    assert "pip install" in test and test.rstrip().endswith("pytest")


def test_ci_runs_the_readme_test_command() -> None:
    test = readme_commands()[1]
    assert test in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_bundled_example_exists() -> None:
    run = readme_commands()[0]
    path = re.search(r"marsad extract (\S+)", run).group(1)  # type: ignore[union-attr]
    assert (ROOT / path).is_file()
