"""Several pages of the built site at once: most of a page load is waiting (the network going
idle, the widget renderer, lazy images), so the browser tests open their pages concurrently in
one Chromium and assert on what each load recorded.

``survey(launch_args, jobs)`` runs each job, ``key -> (context options, async visit(page))``,
in its own browser context (a fresh one per job, as each test had), a few at a time, and returns
``key -> what visit returned``; a job that raised returns its exception, which the test for that
key re-raises (so a failure still names its page and what went wrong). The survey runs Playwright's
async API in a thread of its own, because pytest-playwright's sync API owns the main thread's
event loop."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Awaitable, Callable, Hashable
from typing import Any

# Pages open at once. Two cores: beyond four the loads only queue for the CPU.
CONCURRENCY = 4

Visit = Callable[[Any], Awaitable[Any]]
Jobs = dict[Hashable, tuple[dict[str, Any], Visit]]


async def _survey(launch_args: dict, jobs: Jobs, concurrency: int) -> dict:
    from playwright.async_api import async_playwright

    results: dict = {}
    gate = asyncio.Semaphore(concurrency)
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(**launch_args)

        async def one(key: Hashable, options: dict, visit: Visit) -> None:
            async with gate:
                context = await browser.new_context(**options)
                try:
                    page = await context.new_page()
                    results[key] = await visit(page)
                except Exception as error:  # reported by the test for this key
                    results[key] = error
                finally:
                    await context.close()

        await asyncio.gather(*(one(k, options, visit) for k, (options, visit) in jobs.items()))
        await browser.close()
    return results


def survey(launch_args: dict, jobs: Jobs, concurrency: int = CONCURRENCY) -> dict:
    launch = {k: v for k, v in launch_args.items() if k in ("executable_path", "args", "headless")}
    out: dict = {}

    def run() -> None:
        try:
            out["results"] = asyncio.run(_survey(launch, jobs, concurrency))
        except BaseException as error:
            out["error"] = error

    thread = threading.Thread(target=run, name="site-survey")
    thread.start()
    thread.join()
    if "error" in out:
        raise out["error"]
    return out["results"]


def result(results: dict, key: Hashable) -> Any:
    """What the job for ``key`` recorded; its error, raised again, if it failed."""
    found = results[key]
    if isinstance(found, Exception):
        raise AssertionError(f"{key}: {type(found).__name__}: {found}") from found
    return found


def selected_pages(request) -> set[str]:
    """The pages the collected tests of the requesting module ask for (``page_path``), so that
    ``pytest -k ch10`` loads only what it checks."""
    return {
        item.callspec.params["page_path"]
        for item in request.session.items
        if item.module is request.module
        and "page_path" in getattr(getattr(item, "callspec", None), "params", {})
    }
