"""Runs yt-dlp's own YouTube challenge solver (EJS scripts under deno) on a tiny stand-in player."""

from __future__ import annotations

import json
from dataclasses import dataclass

# A player in the shape the solver parses: one wrapped function whose URL helper sets
# ("alr", "yes"); its first own prototype method rewrites `n` (reversed) and `s` (upper-cased).
STAND_IN_PLAYER = """\
(function(g){
function Url(){ this.v = {}; }
Url.prototype.set = function(k, v){ this.v[k] = v; };
Url.prototype.get = function(k){ return this.v[k]; };
Url.prototype.clone = function(){ return this; };
Url.prototype.sign = function(){
  if (this.v.n) this.v.n = this.v.n.split("").reverse().join("");
  if (this.v.s) this.v.s = encodeURIComponent(decodeURIComponent(this.v.s).toUpperCase());
};
function makeUrl(href, param, sig){
  var u = new Url(); u.set("alr", "yes"); if (sig) u.set(param, sig); return u;
}
}).call(this, {});
"""
CHALLENGE = "cdcollector"
EXPECTED = {"n": CHALLENGE[::-1], "sig": CHALLENGE.upper()}


@dataclass(frozen=True)
class SolverReport:
    ok: bool
    detail: str
    runtime: str | None = None  # "deno 2.9.8 at /path"
    scripts: str | None = None  # "lib 0.8.0 (python package), core 0.8.0 (python package)"


def _deno_provider(ydl):
    ie = ydl.get_info_extractor("Youtube")
    ie.initialize()
    for provider in ie._jsc_director.providers.values():
        if provider.PROVIDER_NAME == "deno":
            return provider
    return None


def _solve(provider) -> dict[str, str]:
    from yt_dlp.extractor.youtube.jsc.provider import (
        JsChallengeRequest,
        JsChallengeType,
        NChallengeInput,
        SigChallengeInput,
    )

    url = "https://www.youtube.com/s/player/cdcollector/player_ias.vflset/en_US/base.js"
    requests = [JsChallengeRequest(JsChallengeType.N, NChallengeInput(url, [CHALLENGE])),
                JsChallengeRequest(JsChallengeType.SIG, SigChallengeInput(url, [CHALLENGE]))]
    # yt-dlp's own stdin framing and deno flags; only the player is ours.
    answer = json.loads(provider._run_js_runtime(
        provider._construct_stdin(STAND_IN_PLAYER, False, requests)))
    if answer.get("type") != "result":
        raise RuntimeError(str(answer.get("error")))
    solved = {}
    for request, response in zip(requests, answer.get("responses", ()), strict=True):
        if response.get("type") != "result":
            raise RuntimeError(str(response.get("error")))
        solved[request.type.value] = response["data"][CHALLENGE]
    return solved


def check_solver() -> SolverReport:
    """Whether yt-dlp, its EJS scripts and deno solve a challenge together, offline."""
    from cdcollector.downloads.ytdl_factory import youtube_dl

    try:
        with youtube_dl() as ydl:
            runtime = ydl._js_runtimes.get("deno")
            info = runtime.info if runtime is not None else None
            if info is None or not info.supported:
                found = f"deno {info.version} is too old" if info else "deno was not found"
                return SolverReport(False, found)
            where = f"deno {info.version} at {info.path}"
            provider = _deno_provider(ydl)
            if provider is None or not provider.is_available():
                return SolverReport(False, "yt-dlp has no usable deno solver", where)
            scripts = ", ".join(f"{s.type.value} {s.version} ({s.source.value})"
                                for s in (provider._lib_script, provider._core_script))
            solved = _solve(provider)
    except Exception as exc:  # any failure here is the answer, not a crash
        return SolverReport(False, f"the challenge solver failed: {str(exc)[:200]}")
    if solved != EXPECTED:
        return SolverReport(False, f"the solver answered {solved}, expected {EXPECTED}",
                            where, scripts)
    return SolverReport(True, "solved a stand-in challenge", where, scripts)
