"""Real-format output of wodim, cdrskin and cdrdao, as captured in public bug reports and logs."""

# `wodim --devices` (gangmax.me "Erase CD-RW/DVD±RW on Linux", 2023)
WODIM_DEVICES = """wodim: Overview of accessible drives (1 found) :
-------------------------------------------------------------------------
 0  dev='/dev/scd0'\trwrw-- : 'TSSTcorp' 'CD/DVDW SH-S183L'
-------------------------------------------------------------------------
"""

WODIM_DEVICES_NONE = """wodim: Overview of accessible drives (0 found) :
-------------------------------------------------------------------------
-------------------------------------------------------------------------
"""

WODIM_SCANBUS = """scsidev: 'ATA:'
devname: 'ATA'
scsibus: -1 target: -1 lun: -1
Linux sg driver version: 3.5.27
Using libscg version 'schily-0.9'.
scsibus1:
\t1,0,0\t  100) 'HL-DT-ST' 'DVDRAM GH22NS50 ' 'TN01' Removable CD-ROM
\t1,1,0\t  101) *
\t1,2,0\t  102) *
\t1,7,0\t  107) HOST ADAPTOR
"""

WODIM_NO_SCSI = """wodim: No such file or directory.
Cannot open SCSI driver!
For possible targets try 'wodim --devices' or 'wodim -scanbus'.
For possible transport specifiers try 'wodim dev=help'.
For IDE/ATAPI devices configuration, see the file README.ATAPI.setup from
the wodim documentation.
"""

# `wodim -v dev=/dev/sr0 -atip` on a blank 80-minute CD-R (Ritek), as in K3b/Brasero debug logs
WODIM_ATIP_BLANK = """wodim: Operation not permitted. Warning: Cannot raise RLIMIT_MEMLOCK limits.
Device type    : Removable CD-ROM
Version        : 5
Response Format: 2
Capabilities   :
Vendor_info    : 'HL-DT-ST'
Identifikation : 'DVDRAM GH22NS50 '
Revision       : 'TN01'
Device seems to be: Generic mmc2 DVD-R/DVD-RW/DVD-RAM.
Current: CD-R
Profile: DVD-R sequential recording
Profile: CD-RW
Profile: CD-R (current)
Profile: CD-ROM
Using generic SCSI-3/mmc   CD-R/CD-RW driver (mmc_cdr).
Driver flags   : MMC-3 SWABAUDIO BURNFREE
Supported modes: TAO PACKET SAO SAO/R96P SAO/R96R RAW/R16 RAW/R96P RAW/R96R
ATIP info from disk:
  Indicated writing power: 4
  Is not unrestricted
  Is not erasable
  Disk sub type: Medium Type A, low Beta category (A-) (2)
  ATIP start of lead in:  -12508 (97:15/17)
  ATIP start of lead out: 359845 (79:59/70)
Disk type:    Short strategy type (Phthalocyanine or similar)
Manuf. index: 22
Manufacturer: Ritek Co.
"""

WODIM_ATIP_PRESSED = """Device type    : Removable CD-ROM
Vendor_info    : 'HL-DT-ST'
Identifikation : 'DVDRAM GH22NS50 '
Current: CD-ROM
Profile: CD-R
Profile: CD-ROM (current)
"""

WODIM_ATIP_NO_DISC = """Device type    : Removable CD-ROM
Vendor_info    : 'HL-DT-ST'
Identifikation : 'DVDRAM GH22NS50 '
wodim: No disk / Wrong disk!
"""

# cdrskin -atip on a blank CD-R (libburn mailing list)
CDRSKIN_ATIP_BLANK = """cdrskin: scanning for devices ...
cdrskin: ... scanning for devices done
cdrskin: pseudo-atip on drive 0
cdrskin: status 1 burn_disc_blank "The drive holds a blank disc"
Device type    : Removable CD-ROM
Vendor_info    : 'HL-DT-ST'
Identifikation : 'DVDRAM GSA-4083N'
Current: CD-R
ATIP info from disk:
  Is not erasable
  ATIP start of lead in:  -11634 (97:26/66)
  ATIP start of lead out: 359846 (79:59/71)
"""

# the heart of a real disc-at-once audio burn, with \\r redraws and backspace countdown
WODIM_BURN = (
    "Track 01: audio   44 MB (04:26.67) no preemp pad\n"
    "Track 02: audio   30 MB (03:00.00) no preemp pad\n"
    "Total size:       74 MB (07:28.67) = 33650 sectors\n"
    "Starting to write CD/DVD at speed  16.0 in real SAO mode for single session.\n"
    "Last chance to quit, starting real write in    2 seconds.\b\b\b\b\b\b\b\b\b\b\b"
    "   1 seconds.\b\b\b\b\b\b\b\b\b\b\b   0 seconds. Operation starts.\n"
    "Waiting for reader process to fill input buffer ... input buffer ready.\n"
    "BURN-Free is ON.\n"
    "Performing OPC...\n"
    "Sending CUE sheet...\n"
    "Writing pregap for track 1 at -150\n"
    "Starting new track at sector: 0\n"
    "\rTrack 01:    0 of   44 MB written.\rTrack 01:   12 of   44 MB written (fifo 100%) "
    "[buf  99%]  16.0x.\rTrack 01:   44 of   44 MB written (fifo 100%) [buf  99%]  16.1x.\n"
    "Track 01: Total bytes read/written: 47029248/47029248 (19995 sectors).\n"
    "Starting new track at sector: 20145\n"
    "\rTrack 02:   15 of   30 MB written (fifo 100%) [buf  98%]  16.0x.\n"
    "Writing  time:   40.301s\n"
    "Average write speed  15.9x.\n"
    "Min drive buffer fill was 97%\n"
    "Fixating...\n"
    "Fixating time:   13.102s\n"
    "wodim: fifo had 1185 puts and 1185 gets.\n"
)

# cdrdao 1.2 output (format strings from cdrdao's main.cc / dao.cc)
CDRDAO_SCANBUS = """Cdrdao version 1.2.4 - (C) Andreas Mueller <andreas@daneb.de>
/dev/sr0                     : HL-DT-ST, DVDRAM GH24NSD1, LG00
1,0,0 : PLEXTOR , CD-R   PX-W4824A, 1.07
"""

CDRDAO_DISK_INFO_BLANK = """Cdrdao version 1.2.4 - (C) Andreas Mueller <andreas@daneb.de>
/dev/sr0: HL-DT-ST DVDRAM GH24NSD1\tRev: LG00
Using driver: Generic SCSI-3/MMC - Version 2.0 (options 0x0000)

That data below may not reflect the real status of the inserted medium
if a simulation run was performed before. Reload the medium in this case.

CD-RW                : no
Total Capacity       : 79:59:74 (359849 blocks, 702/807 MB)
CD-R medium          : Mitsubishi Chemical Corp.
                       Long Strategy Type, e.g. Cyanine
Recording Speed      : 0X - 48X
CD-R empty           : yes
"""

CDRDAO_DISK_INFO_APPENDABLE = """CD-RW                : no
Total Capacity       : 79:59:74 (359849 blocks, 702/807 MB)
CD-R medium          : n/a
Recording Speed      : n/a
CD-R empty           : no
Toc Type             : CD-DA or CD-ROM
Sessions             : 1
Last Track           : 4
Appendable           : yes
Start of last session: 0 (00:02:00)
Start of new session : 120000 (26:42:00)
Remaining Capacity   : 53:19:74 (239849 blocks, 468/537 MB)
"""

CDRDAO_DISK_INFO_CLOSED = """CD-RW                : no
Total Capacity       : n/a
CD-R medium          : n/a
Recording Speed      : n/a
CD-R empty           : no
Toc Type             : CD-DA or CD-ROM
Sessions             : 1
Last Track           : 12
Appendable           : no
"""

CDRDAO_WRITE = (
    "Starting write at speed 16...\n"
    "Pausing 10 seconds - hit CTRL-C to abort.\n"
    "Process can be aborted with QUIT signal (usually CTRL-\\).\n"
    "Turning BURN-Proof on\n"
    "Executing power calibration...\n"
    "Power calibration successful.\n"
    "Writing lead-in and gap...\n"
    "Writing track 01 (mode AUDIO/AUDIO )...\n"
    "Wrote 10 of 120 MB (Buffers 100%  96%).\r"
    "Writing track 02 (mode AUDIO/AUDIO )...\n"
    "Wrote 60 of 120 MB (Buffers 100%  97%).\r"
    "Wrote 120 of 120 MB (Buffers 100%  97%).\r\n"
    "Writing lead-out...\n"
    "Flushing cache...\n"
    "Writing finished successfully.\n"
)

# cdrdao 1.2.4 (Debian 12) in a container without optical drives
CDRDAO_SCANBUS_NO_SYSFS = """Cdrdao version 1.2.4 - (C) Andreas Mueller <andreas@daneb.de>
ERROR: Unable to access sysfs filesystem at /sys/bus/scsi/devices
"""

CDRDAO_DISK_INFO_NO_DEVICE = """Cdrdao version 1.2.4 - (C) Andreas Mueller <andreas@daneb.de>
ERROR: Unable to open SCSI device /dev/sr0: No such file or directory.
ERROR: Please use option '--device {[proto:]bus,id,lun}|device', e.g. --device 0,6,0, \
--device ATA:0,0,0 or --device /dev/cdrom
ERROR: Cannot setup device /dev/sr0.
"""
