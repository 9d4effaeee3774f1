; CD-Collector per-user installer (NSIS 3). Build:
;   makensis /DVERSION=x.y.z /DSRCDIR=path\to\dist\cdcollector /DOUTFILE=out.exe cdcollector.nsi
; VERSION comes from the repository's VERSION file (see installers/windows/build.sh).
Unicode true
RequestExecutionLevel user
SetCompressor /SOLID lzma

!ifndef VERSION
  !error "pass /DVERSION=x.y.z (from VERSION)"
!endif
!ifndef SRCDIR
  !define SRCDIR "..\..\dist\cdcollector"
!endif
!ifndef OUTFILE
  !define OUTFILE "..\..\dist\CD-Collector-${VERSION}-setup.exe"
!endif

!define APPNAME "CD-Collector"
!define EXENAME "cdcollector.exe"
!define UNINSTKEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\CD-Collector"
!define PROGID "CDCollector.Playlist"

!include "MUI2.nsh"

Name "${APPNAME} ${VERSION}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${APPNAME}"
InstallDirRegKey HKCU "Software\${APPNAME}" "InstallDir"

!define MUI_ICON "..\..\resources\cdcollector.ico"
!define MUI_UNICON "..\..\resources\cdcollector.ico"
!define MUI_FINISHPAGE_RUN "$INSTDIR\${EXENAME}"
!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "English"

VIProductVersion "${VERSION}.0"
VIAddVersionKey "ProductName" "${APPNAME}"
VIAddVersionKey "FileVersion" "${VERSION}"
VIAddVersionKey "ProductVersion" "${VERSION}"
VIAddVersionKey "FileDescription" "${APPNAME} installer"
VIAddVersionKey "LegalCopyright" "CD-Collector contributors"

Section "CD-Collector" SecMain
  SectionIn RO
  SetOutPath "$INSTDIR"
  File /r "${SRCDIR}\*.*"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateDirectory "$SMPROGRAMS\${APPNAME}"
  CreateShortcut "$SMPROGRAMS\${APPNAME}\${APPNAME}.lnk" "$INSTDIR\${EXENAME}"
  CreateShortcut "$SMPROGRAMS\${APPNAME}\Uninstall ${APPNAME}.lnk" "$INSTDIR\uninstall.exe"

  ; .cdcplaylist belongs to CD-Collector: double-click opens it ready to burn.
  WriteRegStr HKCU "Software\Classes\.cdcplaylist" "" "${PROGID}"
  WriteRegStr HKCU "Software\Classes\${PROGID}" "" "CD-Collector Playlist"
  WriteRegStr HKCU "Software\Classes\${PROGID}\DefaultIcon" "" "$INSTDIR\${EXENAME},0"
  WriteRegStr HKCU "Software\Classes\${PROGID}\shell\open\command" "" '"$INSTDIR\${EXENAME}" open "%1"'

  ; M3U stays with the user's player; we only add a "Burn with CD-Collector" verb.
  WriteRegStr HKCU "Software\Classes\SystemFileAssociations\.m3u\shell\CDCollector.Burn" "" "Burn with CD-Collector"
  WriteRegStr HKCU "Software\Classes\SystemFileAssociations\.m3u\shell\CDCollector.Burn\command" "" '"$INSTDIR\${EXENAME}" open "%1"'
  WriteRegStr HKCU "Software\Classes\SystemFileAssociations\.m3u8\shell\CDCollector.Burn" "" "Burn with CD-Collector"
  WriteRegStr HKCU "Software\Classes\SystemFileAssociations\.m3u8\shell\CDCollector.Burn\command" "" '"$INSTDIR\${EXENAME}" open "%1"'

  WriteRegStr HKCU "Software\${APPNAME}" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayName" "${APPNAME}"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTKEY}" "Publisher" "CD-Collector contributors"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayIcon" "$INSTDIR\${EXENAME}"
  WriteRegStr HKCU "${UNINSTKEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTKEY}" "InstallLocation" "$INSTDIR"
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoRepair" 1
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
SectionEnd

Section "Uninstall"
  ; Remove only what this installer wrote; the user's library and music stay.
  RMDir /r "$INSTDIR"
  Delete "$SMPROGRAMS\${APPNAME}\${APPNAME}.lnk"
  Delete "$SMPROGRAMS\${APPNAME}\Uninstall ${APPNAME}.lnk"
  RMDir "$SMPROGRAMS\${APPNAME}"

  ReadRegStr $0 HKCU "Software\Classes\.cdcplaylist" ""
  StrCmp $0 "${PROGID}" 0 +2
    DeleteRegKey HKCU "Software\Classes\.cdcplaylist"
  DeleteRegKey HKCU "Software\Classes\${PROGID}"
  DeleteRegKey HKCU "Software\Classes\SystemFileAssociations\.m3u\shell\CDCollector.Burn"
  DeleteRegKey HKCU "Software\Classes\SystemFileAssociations\.m3u8\shell\CDCollector.Burn"
  DeleteRegKey HKCU "Software\${APPNAME}"
  DeleteRegKey HKCU "${UNINSTKEY}"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
SectionEnd
