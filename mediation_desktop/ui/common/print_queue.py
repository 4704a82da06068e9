"""Handing a finished PDF to a CUPS print queue as it is (Linux, macOS): the printer gets the vector pages, A4.

A document is A4 whatever the queue's default paper (a queue set up for Letter must not shrink or clip it),
its text stays text, and the bytes go through ``lp``'s standard input (no copy in a shared temp folder:
the papers hold the parties' names and ID numbers). Where there is no CUPS (Windows) the window draws the
pages through Qt instead (:meth:`PdfPane.paint_pages`).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import dataclass

LP_TIMEOUT = 120  # seconds for lp to take the job (the queue prints afterwards, on its own)


@dataclass(frozen=True)
class PrintJob:
    """What the print dialog chose (or a named queue with the defaults)."""

    queue: str
    title: str
    copies: int = 1
    first_page: int = 0  # 0: from the first page
    last_page: int = 0  # 0: to the last page
    two_sided: bool = False
    media: str = "A4"


def cups_available() -> bool:
    """Whether queues can be given a PDF directly (CUPS's ``lp`` is there; never on Windows)."""
    return sys.platform != "win32" and shutil.which("lp") is not None


def lp_command(job: PrintJob) -> list[str]:
    """The ``lp`` call for ``job``; the PDF comes on standard input."""
    cmd = [shutil.which("lp") or "lp", "-d", job.queue, "-t", job.title, "-n", str(max(1, job.copies)),
           "-o", f"media={job.media}", "-o", "fit-to-page=false", "-o", "print-scaling=none"]
    if job.first_page or job.last_page:
        cmd += ["-o", f"page-ranges={job.first_page or 1}-{job.last_page or ''}".rstrip("-")]
    cmd += ["-o", "sides=two-sided-long-edge" if job.two_sided else "sides=one-sided", "--", "-"]
    return cmd


def submit(data: bytes, job: PrintJob) -> str | None:
    """Give ``data`` to the queue; None when the queue took it, else the reason it did not (lp's own line)."""
    try:
        done = subprocess.run(lp_command(job), input=data, capture_output=True, timeout=LP_TIMEOUT, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return str(exc)
    if done.returncode != 0:
        return (done.stderr.decode("utf-8", "replace").strip().splitlines() or [f"lp: {done.returncode}"])[-1]
    return None
