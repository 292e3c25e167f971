"""Peak resident memory of a running process, as Linux keeps it."""

from pathlib import Path


def peak_memory(pid: int) -> int:
    """A process's peak resident memory (VmHWM) in bytes, or 0 if it is gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0
