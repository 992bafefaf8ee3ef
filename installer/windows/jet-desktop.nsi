; The Windows installer of JET Desktop (NSIS 3), compiled by build_installer.py (docs/installer.md):
;   makensis -DVERSIE=0.11.0 -DVERSIE_NUMERIEK=0.11.0.0 -DBRON=dist\jet-desktop -DUITVOER=dist\JET-Desktop-0.11.0-setup.exe jet-desktop.nsi
;
; Per machine (C:\Program Files\JET Desktop, administrator rights), a start-menu entry, an uninstaller in
; Programs and Features. The users' data (%LOCALAPPDATA%\Gemeente\JET Desktop: stores, reservekopieen,
; settings, logs) is never touched: not at an upgrade, not at removal.
;
; For IT, silently:
;   JET-Desktop-0.11.0-setup.exe /S [/TEAMSERVER=jet-db.gemeente.local] [/POORT=5432] [/DATABASE=jet]
;                                   [/SSLMODE=verify-full] [/SSLROOTCERT=C:\pad\naar\ca.pem] [/D=C:\pad]
;   "C:\Program Files\JET Desktop\uninstall.exe" /S
; /TEAMSERVER writes the machine-wide team-server profile C:\ProgramData\Gemeente\JET Desktop\teamserver.ini
; (jet_desktop/teamserverprofiel.py); without it an existing profile is left as it is. Interactively the
; same fields are a page of the installer.

!ifndef VERSIE | BRON | UITVOER
  !error "build_installer.py geeft VERSIE, VERSIE_NUMERIEK, BRON en UITVOER mee"
!endif
!ifndef VERSIE_NUMERIEK
  !define VERSIE_NUMERIEK "0.0.0.0"
!endif

!define NAAM "JET Desktop"
!define UITGEVER "Gemeente"
!define UNINST_SLEUTEL "Software\Microsoft\Windows\CurrentVersion\Uninstall\JET Desktop"
!define PROFIEL_MAP "$APPDATA\${UITGEVER}\${NAAM}"  ; with SetShellVarContext all: C:\ProgramData

Target amd64-unicode  ; a 64-bit installer for a 64-bit program (also runs under wine64 for the script checks)
ManifestDPIAware true
RequestExecutionLevel admin
SetCompressor /SOLID lzma
Name "${NAAM} ${VERSIE}"
OutFile "${UITVOER}"
InstallDir "$PROGRAMFILES64\${NAAM}"
InstallDirRegKey HKLM "${UNINST_SLEUTEL}" "InstallLocation"
BrandingText "${NAAM} ${VERSIE}"

VIProductVersion "${VERSIE_NUMERIEK}"
VIAddVersionKey /LANG=1043 "ProductName" "${NAAM}"
VIAddVersionKey /LANG=1043 "ProductVersion" "${VERSIE}"
VIAddVersionKey /LANG=1043 "FileVersion" "${VERSIE}"
VIAddVersionKey /LANG=1043 "CompanyName" "${UITGEVER}"
VIAddVersionKey /LANG=1043 "FileDescription" "Installatieprogramma van ${NAAM}"
VIAddVersionKey /LANG=1043 "LegalCopyright" "${UITGEVER}"

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "FileFunc.nsh"
!include "nsDialogs.nsh"
!include "x64.nsh"

!define MUI_ABORTWARNING
!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
Page custom TeamserverPagina TeamserverPaginaKlaar
!insertmacro MUI_PAGE_INSTFILES
!define MUI_FINISHPAGE_RUN "$INSTDIR\${NAAM}.exe"
!define MUI_FINISHPAGE_RUN_TEXT "${NAAM} starten"
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "Dutch"

Var Host
Var Poort
Var Database
Var Sslmode
Var Sslrootcert
Var VeldHost
Var VeldPoort
Var VeldDatabase

Function .onInit
  SetShellVarContext all
  ${IfNot} ${RunningX64}
    MessageBox MB_ICONSTOP "${NAAM} werkt alleen op 64-bits Windows." /SD IDOK
    Abort
  ${EndIf}
  SetRegView 64
  ${GetParameters} $R0
  ${GetOptions} $R0 "/TEAMSERVER=" $Host
  ${GetOptions} $R0 "/POORT=" $Poort
  ${GetOptions} $R0 "/DATABASE=" $Database
  ${GetOptions} $R0 "/SSLMODE=" $Sslmode
  ${GetOptions} $R0 "/SSLROOTCERT=" $Sslrootcert
  ; an existing machine profile fills the page (an upgrade keeps what IT set)
  ${If} $Host == ""
    ReadINIStr $Host "${PROFIEL_MAP}\teamserver.ini" "teamserver" "host"
    ReadINIStr $Poort "${PROFIEL_MAP}\teamserver.ini" "teamserver" "port"
    ReadINIStr $Database "${PROFIEL_MAP}\teamserver.ini" "teamserver" "database"
  ${EndIf}
  ${If} $Sslmode != ""
  ${AndIf} $Sslmode != "verify-full"
  ${AndIf} $Sslmode != "verify-ca"
  ${AndIf} $Sslmode != "disable"
    MessageBox MB_ICONSTOP "/SSLMODE=$Sslmode: kies verify-full, verify-ca of disable." /SD IDOK
    SetErrorLevel 2
    Quit
  ${EndIf}
FunctionEnd

Function TeamserverPagina
  !insertmacro MUI_HEADER_TEXT "Teamserver (optioneel)" "Voor een werkplek op kantoor: met welke teamserver JET Desktop verbindt."
  nsDialogs::Create 1018
  Pop $0
  ${NSD_CreateLabel} 0 0 100% 30u "Laat de server leeg voor een laptop of een werkplek zonder teamserver. Dit wordt het profiel voor alle gebruikers van deze computer; een gebruiker kan het bij het aanmelden aanpassen. Gebruikersnamen en wachtwoorden worden nooit opgeslagen."
  ${NSD_CreateLabel} 0 36u 25% 12u "Server:"
  ${NSD_CreateText} 27% 34u 73% 12u $Host
  Pop $VeldHost
  ${NSD_CreateLabel} 0 54u 25% 12u "Poort:"
  ${NSD_CreateNumber} 27% 52u 20% 12u $Poort
  Pop $VeldPoort
  ${NSD_CreateLabel} 0 72u 25% 12u "Database:"
  ${NSD_CreateText} 27% 70u 40% 12u $Database
  Pop $VeldDatabase
  nsDialogs::Show
FunctionEnd

Function TeamserverPaginaKlaar
  ${NSD_GetText} $VeldHost $Host
  ${NSD_GetText} $VeldPoort $Poort
  ${NSD_GetText} $VeldDatabase $Database
FunctionEnd

Section "JET Desktop" SecProgramma
  SectionIn RO
  SetShellVarContext all
  SetRegView 64
  ; an upgrade replaces the program folder as a whole: no file of an older version stays behind (the data is
  ; elsewhere, per user)
  RMDir /r "$INSTDIR\_internal"
  SetOutPath "$INSTDIR"
  File /r "${BRON}\*.*"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateDirectory "$SMPROGRAMS\${NAAM}"
  CreateShortcut "$SMPROGRAMS\${NAAM}\${NAAM}.lnk" "$INSTDIR\${NAAM}.exe" "" "$INSTDIR\${NAAM}.exe" 0
  CreateShortcut "$SMPROGRAMS\${NAAM}\${NAAM} verwijderen.lnk" "$INSTDIR\uninstall.exe"

  WriteRegStr HKLM "${UNINST_SLEUTEL}" "DisplayName" "${NAAM}"
  WriteRegStr HKLM "${UNINST_SLEUTEL}" "DisplayVersion" "${VERSIE}"
  WriteRegStr HKLM "${UNINST_SLEUTEL}" "Publisher" "${UITGEVER}"
  WriteRegStr HKLM "${UNINST_SLEUTEL}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKLM "${UNINST_SLEUTEL}" "DisplayIcon" "$INSTDIR\${NAAM}.exe"
  WriteRegStr HKLM "${UNINST_SLEUTEL}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKLM "${UNINST_SLEUTEL}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKLM "${UNINST_SLEUTEL}" "NoModify" 1
  WriteRegDWORD HKLM "${UNINST_SLEUTEL}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKLM "${UNINST_SLEUTEL}" "EstimatedSize" "$0"

  ; the machine-wide team-server profile, only when a server was given (on the command line or the page)
  ${If} $Host != ""
    CreateDirectory "${PROFIEL_MAP}"
    WriteINIStr "${PROFIEL_MAP}\teamserver.ini" "teamserver" "host" "$Host"
    ${If} $Poort != ""
      WriteINIStr "${PROFIEL_MAP}\teamserver.ini" "teamserver" "port" "$Poort"
    ${EndIf}
    ${If} $Database != ""
      WriteINIStr "${PROFIEL_MAP}\teamserver.ini" "teamserver" "database" "$Database"
    ${EndIf}
    ${If} $Sslmode != ""
      WriteINIStr "${PROFIEL_MAP}\teamserver.ini" "teamserver" "sslmode" "$Sslmode"
    ${EndIf}
    ${If} $Sslrootcert != ""
      WriteINIStr "${PROFIEL_MAP}\teamserver.ini" "teamserver" "sslrootcert" "$Sslrootcert"
    ${EndIf}
  ${EndIf}
SectionEnd

Function un.onInit
  SetShellVarContext all
  SetRegView 64
FunctionEnd

Section "Uninstall"
  ; the program only: the users' stores, reservekopieen and settings (%LOCALAPPDATA%\Gemeente\JET Desktop)
  ; and IT's machine profile (C:\ProgramData\Gemeente\JET Desktop) stay
  Delete "$SMPROGRAMS\${NAAM}\${NAAM}.lnk"
  Delete "$SMPROGRAMS\${NAAM}\${NAAM} verwijderen.lnk"
  RMDir "$SMPROGRAMS\${NAAM}"
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\jet-desktop.exe"
  Delete "$INSTDIR\${NAAM}.exe"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKLM "${UNINST_SLEUTEL}"
SectionEnd
