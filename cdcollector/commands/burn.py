"""`cdcollector burn PLAYLIST|FILE`: burn a playlist to an audio CD, or write a disc image."""

from __future__ import annotations

import sys
from pathlib import Path

from cdcollector.commands.common import ProgressBar, open_context, print_json
from cdcollector.domain.errors import BurnError
from cdcollector.services.burner import BurnerService, BurnRequest

PLAYLIST_SUFFIXES = (".m3u", ".m3u8", ".cdcplaylist")
BAR_STEPS = 1000


def register(sub) -> None:
    parser = sub.add_parser("burn", help="burn a playlist to an audio CD or a disc image")
    parser.add_argument("playlist", metavar="PLAYLIST|FILE",
                        help="a playlist name or id, or an .m3u/.m3u8/.cdcplaylist file")
    parser.add_argument("--backend", choices=("auto", "image", "cdrecord", "cdrdao", "imapi2"),
                        default="auto", help="how to write (default: the best one found)")
    parser.add_argument("--device", help="the burner (as `cdcollector doctor` lists it)")
    parser.add_argument("--out", metavar="DIR", help="folder for the disc image (image backend)")
    parser.add_argument("--simulate", action="store_true", help="dry run with the laser off")
    parser.add_argument("--gap", type=float, metavar="SECONDS", help="silence between tracks")
    parser.add_argument("--normalize", choices=("off", "track", "album"), help="levelling")
    parser.add_argument("--media", type=int, choices=(74, 80), help="disc size in minutes")
    parser.add_argument("--speed", type=int, help="write speed (0 = the drive's choice)")
    parser.add_argument("--disc", type=int, metavar="N",
                        help="burn disc N of the plan when the playlist needs several discs")
    parser.set_defaults(func=run)


def _playlist_id(ctx, text: str) -> int:
    """A playlist file is imported first (as a double-click does); otherwise name or id."""
    from cdcollector.services.playlists import PlaylistService

    playlists = PlaylistService(ctx)
    path = Path(text).expanduser()
    if path.suffix.lower() in PLAYLIST_SUFFIXES and _is_file(path):
        imported = playlists.import_file(path)
        for note in imported.notes:
            print(f"note: {note}", file=sys.stderr)
        return imported.playlist.id
    return playlists.resolve(text).id


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except OSError:  # a name too long for the system (ENAMETOOLONG) is no file either
        return False


def run(args) -> int:
    ctx = open_context(args)
    try:
        return _burn(ctx, args)
    finally:
        ctx.close()


def _burn(ctx, args) -> int:
    from cdcollector.services.leftovers import clean_leftovers

    clean_leftovers(ctx)  # what a killed burn left, as the window does at its start
    service = BurnerService(ctx)
    playlist_id = _playlist_id(ctx, args.playlist)
    out_dir = args.out or (str(Path.cwd()) if args.backend == "image" else None)
    request = BurnRequest(backend=args.backend, device=args.device, speed=args.speed,
                          simulate=args.simulate or None, gap_s=args.gap,
                          normalize=args.normalize, media_minutes=args.media, out_dir=out_dir,
                          disc_number=args.disc)
    plan = service.plan(playlist_id, request)
    over = [r for r in service.refusals(plan) if r.kind == "over_capacity"]
    if over and over[0].detail:
        print("\n".join(over[0].detail), file=sys.stderr)
        print("Burn one disc at a time with --disc N.", file=sys.stderr)
    bar = ProgressBar("Burning", BAR_STEPS)
    job = service.start(playlist_id, request,
                        on_update=lambda u: bar.update(int(u.fraction * BAR_STEPS), u.message))
    while True:
        try:
            outcome = job.wait()
            break
        except KeyboardInterrupt:
            print(f"\n{job.cancel()}", file=sys.stderr)
    bar.finish()
    if args.json:
        files = outcome.burn.output_files if outcome.burn else ()
        print_json({"result": outcome.result, "message": outcome.message,
                    "burn_job": service.job_id, "files": [str(p) for p in files]})
    if not outcome.ok:
        raise BurnError(outcome.message)
    if not args.json:
        print(outcome.message)
        for path in outcome.burn.output_files:
            print(f"  {path}")
    return 0
