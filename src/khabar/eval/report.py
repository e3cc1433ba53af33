"""Writing measured figures into docs/benchmarks.md, one replaceable section per benchmark."""

from __future__ import annotations

import os
import platform
from datetime import UTC, datetime
from pathlib import Path

HEADER = (
    "# Benchmarks\n\n"
    "Figures measured by the commands named in each section, on the machine named there.\n"
    "Re-run the command to refresh its section; the other sections are left as they are.\n"
)


def machine_info() -> dict[str, object]:
    """Cores, Python version and platform, recorded with every evaluation result."""
    return {
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(terse=True),
    }


def machine_line() -> str:
    """A one-line description of this machine for a benchmark section."""
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return (
        f"{os.cpu_count()} cores ({cpu}){mem}, Python {platform.python_version()}, "
        f"{datetime.now(UTC).date().isoformat()}"
    )


def write_section(path: Path, name: str, markdown: str) -> None:
    """Replace (or append) the section ``name`` of the benchmarks file with ``markdown``."""
    begin, end = f"<!-- begin:{name} -->", f"<!-- end:{name} -->"
    block = f"{begin}\n{markdown.strip()}\n{end}"
    text = path.read_text(encoding="utf-8") if path.exists() else HEADER
    if begin in text and end in text:
        head, rest = text.split(begin, 1)
        _, tail = rest.split(end, 1)
        text = head + block + tail
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
