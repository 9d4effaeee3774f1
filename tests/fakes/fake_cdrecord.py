"""A fake wodim/cdrecord/cdrdao for tests: checks arguments and files, prints real-format output.

Installed (by a fixture) as `wodim`, `cdrecord` and `cdrdao`; which one it is comes from its
file name. Environment:
  FAKE_BURNER_SCENARIO  ok | no_disc | not_blank | no_fit | underrun | permission | busy |
                        killed | no_drive  (default ok)
  FAKE_BURNER_LOG       a file that gets one JSON line per run (argv, sidecar texts)
  FAKE_BURNER_STEP_S    seconds to sleep between progress lines (default 0)
"""

from __future__ import annotations

import json
import os
import re
import signal
import struct
import sys
import time
from pathlib import Path

SECTOR = 2352
SCENARIO = os.environ.get("FAKE_BURNER_SCENARIO", "ok")
STEP_S = float(os.environ.get("FAKE_BURNER_STEP_S", "0") or 0)
TOOL = Path(sys.argv[0]).name
DEVICE = "/dev/sr0"


def out(text: str, end: str = "\n") -> None:
    sys.stdout.write(text + end)
    sys.stdout.flush()


def fail(message: str, status: int) -> None:
    out(f"{TOOL}: {message}")
    sys.exit(status)


def log(entry: dict) -> None:
    path = os.environ.get("FAKE_BURNER_LOG")
    if path:
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(json.dumps(entry) + "\n")


def check_wav(path: Path) -> int:
    """Sectors of audio in a 44.1 kHz / 16-bit / stereo WAV; exits on anything else."""
    if not path.is_file():
        fail(f"No such file or directory. Cannot open '{path.name}'.", 255)
    data = path.read_bytes()
    if data[:4] != b"RIFF" or data[8:12] != b"WAVE":
        fail(f"'{path.name}' is not a WAV file.", 255)
    pos, fmt, size = 12, None, None
    while pos + 8 <= len(data):
        chunk, length = data[pos:pos + 4], struct.unpack("<I", data[pos + 4:pos + 8])[0]
        if chunk == b"fmt ":
            fmt = struct.unpack("<HHIIHH", data[pos + 8:pos + 24])
        elif chunk == b"data":
            size = length
            break
        pos += 8 + length + (length & 1)
    if fmt is None or size is None:
        fail(f"'{path.name}': no fmt or data chunk.", 255)
    tag, channels, rate, _, _, bits = fmt
    if (tag, channels, rate, bits) != (1, 2, 44100, 16):
        fail(f"'{path.name}': not 44.1 kHz/16-bit/stereo PCM ({rate} Hz, {bits} bit, "
             f"{channels} ch).", 255)
    if size % SECTOR:
        fail(f"'{path.name}': audio is not a whole number of sectors ({size} bytes).", 255)
    if size < 300 * SECTOR:
        fail(f"'{path.name}': track shorter than 4 seconds.", 255)
    return size // SECTOR


def check_inf(wav: Path, sectors: int, need_text: bool) -> str:
    inf = wav.with_suffix(".inf")
    if not inf.is_file():
        fail(f"Cannot open '{inf.name}' (needed by -useinfo).", 255)
    raw = inf.read_bytes()
    if any(b > 127 for b in raw):
        try:
            raw.decode("utf-8")
            fail(f"'{inf.name}' is UTF-8, not ISO-8859-1.", 255)
        except UnicodeDecodeError:
            pass
    text = raw.decode("latin-1")
    fields = dict(re.findall(r"^(\w+)=\s*(.*)$", text, re.M))
    for key in ("Tracklength", "Index0", "Channels", "Endianess"):
        if key not in fields:
            fail(f"'{inf.name}' has no {key}= line.", 255)
    length = int(fields["Tracklength"].split(",")[0])
    if length != sectors:
        fail(f"'{inf.name}': Tracklength {length} but the WAV holds {sectors} sectors.", 255)
    if need_text and "Tracktitle" not in fields:
        fail(f"'{inf.name}' has no Tracktitle for -text.", 255)
    return text


def banner() -> None:
    if TOOL == "cdrdao":
        out("Cdrdao version 1.2.4 - (C) Andreas Mueller <andreas@daneb.de>")
        return
    out(f"{TOOL}: Operation not permitted. Warning: Cannot raise RLIMIT_MEMLOCK limits.")
    out("TOC Type: 1 = CD-ROM")
    out(f"scsidev: '{DEVICE}'")
    out("Device type    : Removable CD-ROM")
    out("Vendor_info    : 'FAKE    '")
    out("Identifikation : 'CD-RW 52X       '")


def access_problems() -> None:
    if SCENARIO == "no_drive":
        fail("No such file or directory. Cannot open SCSI driver!", 255)
    if SCENARIO == "permission":
        if TOOL == "cdrdao":
            out(f"ERROR: Cannot open SCSI device '{DEVICE}': Permission denied")
            out(f"ERROR: Cannot setup device {DEVICE}.")
            sys.exit(1)
        fail(f"Permission denied. Cannot open '{DEVICE}'. Cannot open or use SCSI driver.", 13)
    if SCENARIO == "busy":
        if TOOL == "cdrdao":
            out(f"ERROR: Cannot open SCSI device '{DEVICE}': Device or resource busy")
            out(f"ERROR: Cannot setup device {DEVICE}.")
            sys.exit(1)
        fail(f"Device or resource busy. Cannot open '{DEVICE}'. Cannot open or use SCSI "
             "driver.", 16)


def progress_steps(total_mb: int) -> list[int]:
    return sorted({0, *range(0, total_mb + 1, max(1, total_mb // 4)), total_mb})


# --- cdrecord / wodim ---------------------------------------------------------------------------

def cdrecord_atip() -> None:
    banner()
    if SCENARIO == "no_disc":
        fail("No disk / Wrong disk!", 255)
    out("Current: CD-ROM" if SCENARIO == "not_blank" else "Current: CD-R")
    out("ATIP info from disk:")
    out("  Indicated writing power: 4")
    out("  Is not erasable")
    out("  ATIP start of lead in:  -12508 (97:15/17)")
    lead_out = "333000 (74:00/00)" if SCENARIO == "no_fit" else "359845 (79:59/70)"
    out(f"  ATIP start of lead out: {lead_out}")
    out("Disk type:    Short strategy type (Phthalocyanine or similar)")
    out("Manuf. index: 22")
    out("Manufacturer: Ritek Co.")


def cdrecord_burn(args: list[str]) -> None:
    for flag in ("-dao", "-audio", "-pad", "-useinfo", "gracetime=2"):
        if flag not in args:
            fail(f"expected {flag} for a disc-at-once audio burn.", 255)
    if not any(a.startswith("dev=") for a in args):
        fail("No device given (dev=).", 255)
    wavs = [Path(a) for a in args if a.lower().endswith(".wav")]
    if not wavs:
        fail("No tracks specified. Need at least one.", 255)
    if len(wavs) > 99:
        fail("Too many tracks for this disk.", 255)
    sectors = [check_wav(w) for w in wavs]
    infs = {w.name: check_inf(w, s, "-text" in args) for w, s in zip(wavs, sectors, strict=True)}
    log({"tool": TOOL, "argv": args, "cwd": os.getcwd(), "inf": infs, "sectors": sectors})
    banner()
    if SCENARIO == "no_disc":
        fail("No disk / Wrong disk!", 255)
    for n, s in enumerate(sectors, 1):
        mb = s * SECTOR // 1048576
        out(f"Track {n:02d}: audio {mb:4d} MB ({s // 4500:02d}:{s % 4500 / 75:05.2f}) "
            "no preemp pad")
    total = sum(sectors) + 150
    out(f"Total size:      {total * SECTOR // 1048576} MB = {total} sectors")
    if SCENARIO == "not_blank":
        fail("Cannot open new session.", 255)
    if SCENARIO == "no_fit":
        out(f"{TOOL}: WARNING: Data may not fit on current disk.")
        fail("Notice: Most recorders do allow to overburn, use -overburn to try it.", 255)
    mode = "dummy" if "-dummy" in args else "real"
    out(f"Starting to write CD/DVD at speed 16.0 in {mode} SAO mode for single session.")
    out(f"Last chance to quit, starting {mode} write in    2 seconds.", end="")
    for remaining in (1, 0):
        time.sleep(STEP_S)
        out(f"\b\b\b\b\b\b\b\b\b\b\b{remaining:4d} seconds.", end="")
    out(" Operation starts.")
    out("Waiting for reader process to fill input buffer ... input buffer ready.")
    out("BURN-Free is ON.")
    out("Performing OPC...")
    out("Sending CUE sheet...")
    out("Writing pregap for track 1 at -150")
    out("Starting new track at sector: 0")
    for n, s in enumerate(sectors, 1):
        total_mb = max(1, s * SECTOR // 1048576)
        for done in progress_steps(total_mb):
            out(f"\rTrack {n:02d}: {done:4d} of {total_mb:4d} MB written (fifo 100%) "
                f"[buf  99%]  16.0x.", end="")
            time.sleep(STEP_S)
            if SCENARIO == "killed" and n == len(sectors) and done > 0:
                os.kill(os.getpid(), signal.SIGKILL)
            if SCENARIO == "underrun" and done > 0:
                out("")
                out(f"{TOOL}: Input/output error. write_g1: scsi sendcmd: no error")
                out("CDB:  2A 00 00 00 1F 00 00 00 1F 00")
                out("Sense Code: 0x0C Qual 0x09 (write error - loss of streaming) Fru 0x0")
                out("write track data: error after 2539520 bytes")
                out(f"{TOOL}: The current problem looks like a buffer underrun.")
                out(f"{TOOL}: Try to use 'driveropts=burnfree'.")
                out("Fixating...")
                fail("Cannot fixate disk.", 254)
        out("")
        out(f"Track {n:02d}: Total bytes read/written: {s * SECTOR}/{s * SECTOR} ({s} sectors).")
    out("Writing  time:    1.000s")
    out("Fixating...")
    out("Fixating time:    1.000s")
    sys.exit(0)


def cdrecord_main(args: list[str]) -> None:
    access_problems()
    if "--devices" in args:
        out(f"{TOOL}: Overview of accessible drives (1 found) :")
        out("-" * 73)
        out(f" 0  dev='{DEVICE}'\trwrw-- : 'FAKE' 'CD-RW 52X'")
        out("-" * 73)
    elif "-scanbus" in args:
        out("scsibus1:")
        out("\t1,0,0\t  100) 'FAKE    ' 'CD-RW 52X       ' '1.00' Removable CD-ROM")
        out("\t1,1,0\t  101) *")
    elif "-atip" in args:
        cdrecord_atip()
    else:
        cdrecord_burn(args)


# --- cdrdao -------------------------------------------------------------------------------------

def cdrdao_disk_info() -> None:
    banner()
    if SCENARIO == "no_disc":
        out("WARNING: Unit not ready, still trying...")
        out("ERROR: Unit not ready, giving up.")
        out(f"ERROR: Cannot setup device {DEVICE}.")
        sys.exit(1)
    out(f"{DEVICE}: FAKE CD-RW 52X\tRev: 1.00")
    out("Using driver: Generic SCSI-3/MMC - Version 2.0 (options 0x0000)")
    out("")
    out("CD-RW                : no")
    blocks = 333000 if SCENARIO == "no_fit" else 359849
    out(f"Total Capacity       : 79:59:74 ({blocks} blocks, 702/807 MB)")
    out("CD-R medium          : Ritek Co.")
    out("                       Short Strategy Type, e.g. Phthalocyanine")
    out("Recording Speed      : 0X - 48X")
    if SCENARIO == "not_blank":
        out("CD-R empty           : no")
        out("Toc Type             : CD-DA or CD-ROM")
        out("Sessions             : 1")
        out("Last Track           : 12")
        out("Appendable           : no")
    else:
        out("CD-R empty           : yes")


def check_toc(toc: Path) -> list[int]:
    if not toc.is_file():
        fail(f"Could not open toc file \"{toc}\".", 1)
    text = toc.read_text(encoding="ascii")
    if not text.startswith("CD_DA"):
        fail("toc file does not start with CD_DA.", 1)
    files = re.findall(r'^FILE "([^"]+)" 0\s*$', text, re.M)
    tracks = text.count("TRACK AUDIO")
    if not files or len(files) != tracks:
        fail("every TRACK needs one FILE statement.", 1)
    text_blocks = text.count("CD_TEXT {")
    if text_blocks not in (0, tracks + 1) or (text_blocks and "LANGUAGE_MAP" not in text):
        fail("CD-TEXT must be given for the disc and every track, or not at all.", 1)
    return [check_wav(toc.parent / f) for f in files]


def cdrdao_write(args: list[str]) -> None:
    for flag in ("-n", "--device"):
        if flag not in args:
            fail(f"expected {flag}.", 1)
    toc = Path(args[-1])
    sectors = check_toc(toc)
    log({"tool": TOOL, "argv": args, "cwd": os.getcwd(), "toc": toc.read_text("ascii"),
         "sectors": sectors})
    banner()
    if SCENARIO == "no_disc":
        out("WARNING: Unit not ready, still trying...")
        out("ERROR: Unit not ready, giving up.")
        sys.exit(1)
    if SCENARIO == "not_blank":
        out("ERROR: Inserted disk is not empty and not appendable.")
        sys.exit(1)
    if SCENARIO == "no_fit":
        out("ERROR: Length of toc (80:00:00, 360000 blocks) exceeds capacity ")
        out("of CD-R (74:00:00, 333000 blocks).")
        out("ERROR: Please use option '--overburn' to start recording anyway.")
        sys.exit(1)
    simulate = args[0] == "simulate"
    out(f"Starting write{' simulation' if simulate else ''} at speed 16...")
    out("Process can be aborted with QUIT signal (usually CTRL-\\).")
    out("Turning BURN-Proof on")
    out("Executing power calibration...")
    out("Power calibration successful.")
    # like cdrdao: Ctrl+C is ignored once writing starts, QUIT aborts
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGQUIT, lambda *_: (out("\nERROR: Writing failed."), sys.exit(1)))
    out("Writing lead-in and gap...")
    total_mb = max(1, sum(sectors) * SECTOR // 1048576)
    done_mb = 0
    for n, s in enumerate(sectors, 1):
        out(f"Writing track {n:02d} (mode AUDIO/AUDIO )...")
        share = max(1, s * SECTOR // 1048576)
        for _ in range(share):
            done_mb = min(total_mb, done_mb + 1)
            out(f"Wrote {done_mb} of {total_mb} MB (Buffers 100%  96%).", end="\r")
            time.sleep(STEP_S)
            if SCENARIO == "killed" and n == len(sectors):
                os.kill(os.getpid(), signal.SIGKILL)
            if SCENARIO == "underrun":
                out("")
                out("ERROR: Write data failed.")
                out("ERROR: Writing failed - buffer under run?")
                out("ERROR: Simulation failed." if simulate else "ERROR: Writing failed.")
                sys.exit(1)
    out("")
    out("Writing lead-out...")
    out("Flushing cache...")
    out("Simulation finished successfully." if simulate else "Writing finished successfully.")
    sys.exit(0)


def cdrdao_main(args: list[str]) -> None:
    if not args:
        fail("Usage: cdrdao <command> [options] [toc-file]", 1)
    command = args[0]
    if command not in ("scanbus", "disk-info", "write", "simulate"):
        fail(f"Illegal command: {command}", 1)
    access_problems()
    if command == "scanbus":
        banner()
        out(f"{DEVICE} : FAKE, CD-RW 52X, 1.00")
    elif command == "disk-info":
        cdrdao_disk_info()
    else:
        cdrdao_write(args)


def main() -> None:
    signal.signal(signal.SIGINT, lambda *_: (out(f"\n{TOOL}: interrupted"), sys.exit(130)))
    if TOOL == "cdrdao":
        cdrdao_main(sys.argv[1:])
    else:
        cdrecord_main(sys.argv[1:])


if __name__ == "__main__":
    main()
