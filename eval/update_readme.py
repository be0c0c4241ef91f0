"""Copy the result tables from eval/results/*.md into README.md, so the README quotes them verbatim.

Usage: python eval/update_readme.py
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "eval" / "results"
SECTIONS = {
    "results": ["questions-test", "conversations-test", "questions-fresh", "questions-dev", "questions-dev2",
                "questions-dev3", "questions-dev4", "questions-dev5", "questions-dev6", "questions-dev7",
                "questions-dev8", "questions-dev9", "questions-dev10", "questions-dev11",
                "questions-dev12", "questions-dev13", "questions-dev14", "questions-dev15",
                "questions-dev16",
                "conversations-dev", "conversations-dev2", "conversations-dev3", "conversations-dev4",
                "conversations-dev5", "conversations-dev6", "conversations-dev7", "conversations-dev8",
                "conversations-dev9",
                "conversations-dev10", "conversations-dev11", "conversations-dev12", "conversations-dev13",
                "conversations-dev14", "conversations-dev15", "conversations-dev16", "conversations-dev17",
                "cmrc2018_trial"],
    "bench": ["bench"],
}


def block(names: list[str]) -> str:
    parts = []
    for name in names:
        path = RESULTS / f"{name}.md"
        if path.is_file():
            parts.append(f"<!-- from eval/results/{name}.md -->\n" + path.read_text(encoding="utf-8").strip())
    return "\n\n".join(parts)


def main() -> None:
    readme_path = ROOT / "README.md"
    readme = readme_path.read_text(encoding="utf-8")
    for marker, names in SECTIONS.items():
        pattern = re.compile(rf"(<!-- {marker}:start -->\n).*?(<!-- {marker}:end -->)", re.S)
        readme = pattern.sub(lambda m, n=names: m.group(1) + block(n) + "\n" + m.group(2), readme)
    readme_path.write_text(readme, encoding="utf-8")


if __name__ == "__main__":
    main()
