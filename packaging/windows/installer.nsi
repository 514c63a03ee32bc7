; 家政服务台 — the Windows installer for the PyInstaller onedir build (NSIS 3, Unicode).
;
; Per-user: installs under %LOCALAPPDATA%\Programs\家政服务台 with no administrator rights, adds Start-menu
; and desktop shortcuts and an entry in 设置 → 应用 (HKCU). The uninstaller removes the program and its
; shortcuts and keeps the user's data (%LOCALAPPDATA%\jiazheng-desktop: database, backups, documents).
;
;   makensis packaging\windows\installer.nsi                       (Windows, after the PyInstaller build)
;   makensis -DVERSION=0.1.0 -DDISTDIR=<dist\jiazheng-desktop> -DOUTFILE=<setup.exe> packaging/windows/installer.nsi
;
; Defaults (relative to this file): DISTDIR ..\..\dist\jiazheng-desktop, VERSION read from
; jiazheng_desktop\__init__.py, OUTFILE .build\jiazheng-desktop-setup-VERSION.exe.
; Silent install: setup.exe /S (optionally /D=C:\other\folder as the last argument).

; A 64-bit installer for the 64-bit program (it also runs under a Wine prefix without 32-bit support).
Target amd64-unicode
ManifestDPIAware true
SetCompressor /SOLID lzma
; A dictionary as large as the whole program (about 87 MB): 0.4 MB smaller than 64 MB gave; unpacking needs
; that much memory for a moment, which any PC with Windows 10 has.
SetCompressorDictSize 128

!define APP_NAME "家政服务台"
!define APP_ID "jiazheng-desktop"
!define APP_EXE "jiazheng-desktop.exe"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP_ID}"
!define SETTINGS_KEY "Software\${APP_ID}"

!ifndef VERSION
  !searchparse /file "..\..\jiazheng_desktop\__init__.py" '__version__ = "' VERSION '"'
!endif
!ifndef DISTDIR
  !define DISTDIR "..\..\dist\jiazheng-desktop"
!endif
!ifndef OUTFILE
  !system 'mkdir .build'
  !define OUTFILE ".build\jiazheng-desktop-setup-${VERSION}.exe"
!endif
!ifndef ICON
  !define ICON "..\..\resources\icons\app.ico"
!endif

; The version resource wants four numbers: 0.1.0 → 0.1.0.0
!searchparse /noerrors "${VERSION}." "" V1 "." V2 "." V3 "."
!ifndef V3
  !define V3 0
!endif

Name "${APP_NAME}"
Caption "${APP_NAME} ${VERSION} 安装"
BrandingText "${APP_NAME} ${VERSION}"
OutFile "${OUTFILE}"
RequestExecutionLevel user
InstallDir "$LOCALAPPDATA\Programs\${APP_NAME}"
InstallDirRegKey HKCU "${SETTINGS_KEY}" "InstallDir"
ShowInstDetails nevershow
ShowUninstDetails nevershow

VIProductVersion "${V1}.${V2}.${V3}.0"
VIAddVersionKey /LANG=2052 "ProductName" "${APP_NAME}"
VIAddVersionKey /LANG=2052 "FileDescription" "${APP_NAME} ${VERSION} 安装程序"
VIAddVersionKey /LANG=2052 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "CompanyName" "${APP_NAME}"
VIAddVersionKey /LANG=2052 "LegalCopyright" "${APP_NAME}"

!include "MUI2.nsh"
!include "FileFunc.nsh"
!include "LogicLib.nsh"
!include "WinVer.nsh"
!include "x64.nsh"

; Qt 6 and Python 3.13 need a 64-bit Windows 10 or 11: on Windows 7/8 the installed program could not start.
!define NEEDS_WINDOWS "${APP_NAME}需要 64 位的 Windows 10 或 Windows 11。$\r$\n$\r$\n这台电脑的 Windows 版本太旧（或是 32 位的），程序装上也无法打开，所以不安装。请在 Windows 10 或 11（64 位）的电脑上安装。"

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING

!define MUI_WELCOMEPAGE_TITLE "安装 ${APP_NAME} ${VERSION}"
!define MUI_WELCOMEPAGE_TEXT "家政公司的客户、投诉补救、优惠券与提醒程序，适用于 64 位的 Windows 10 和 Windows 11。$\r$\n$\r$\n程序只为当前 Windows 用户安装，不需要管理员权限。安装后在开始菜单和桌面上都有“${APP_NAME}”图标。$\r$\n$\r$\n如果${APP_NAME}正在运行，请先关闭它，再点“下一步”。"
!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!define MUI_FINISHPAGE_RUN "$INSTDIR\${APP_EXE}"
!define MUI_FINISHPAGE_RUN_TEXT "现在打开${APP_NAME}"
!insertmacro MUI_PAGE_FINISH

; (the label has room for about three lines)
!define MUI_UNCONFIRMPAGE_TEXT_TOP "将删除${APP_NAME}程序和它的快捷方式。您的数据会保留：$\r$\n%LOCALAPPDATA%\${APP_ID} 中的客户、投诉、备份和文档不会删除，重新安装后继续使用。"
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "SimpChinese"

; Refused before any page: an old or 32-bit Windows gets the reason, not a program that cannot start.
; (This installer is itself 64-bit: a 32-bit Windows does not start it at all and says so in its own words;
; the x64 check covers the rest.) Silent (/S): no box, the installer exits with code 2 and installs nothing.
Function .onInit
  ${IfNot} ${AtLeastWin10}
  ${OrIfNot} ${RunningX64}
    MessageBox MB_ICONSTOP|MB_OK "${NEEDS_WINDOWS}" /SD IDOK
    Abort
  ${EndIf}
FunctionEnd

Section "${APP_NAME}" SecMain
  SectionIn RO
  SetShellVarContext current
  SetOutPath "$INSTDIR"
  ; An update replaces the whole program: files a previous version had and this one does not must go.
  ; Only what the program itself consists of is removed (never the folder as a whole: it may have been chosen
  ; by hand and hold other things).
  Delete "$INSTDIR\${APP_EXE}"
  IfFileExists "$INSTDIR\${APP_EXE}" 0 +3
    MessageBox MB_ICONEXCLAMATION|MB_OK "${APP_NAME}正在运行，无法更新。请关闭它后重新运行安装程序。" /SD IDOK
    Abort
  RMDir /r "$INSTDIR\_internal"
  File /r "${DISTDIR}\*.*"

  WriteUninstaller "$INSTDIR\uninstall.exe"
  CreateShortcut "$SMPROGRAMS\${APP_NAME}.lnk" "$INSTDIR\${APP_EXE}" "" "$INSTDIR\${APP_EXE}" 0
  CreateShortcut "$DESKTOP\${APP_NAME}.lnk" "$INSTDIR\${APP_EXE}" "" "$INSTDIR\${APP_EXE}" 0

  WriteRegStr HKCU "${SETTINGS_KEY}" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${APP_NAME}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "${APP_NAME}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\${APP_EXE},0"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "EstimatedSize" "$0"
SectionEnd

Section "Uninstall"
  SetShellVarContext current
  ; The program only: %LOCALAPPDATA%\jiazheng-desktop (the user's data) is left alone.
  Delete "$INSTDIR\${APP_EXE}"
  IfFileExists "$INSTDIR\${APP_EXE}" 0 +3
    MessageBox MB_ICONEXCLAMATION|MB_OK "${APP_NAME}正在运行。请关闭它后再卸载。" /SD IDOK
    Abort
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\${APP_NAME}.lnk"
  Delete "$DESKTOP\${APP_NAME}.lnk"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  DeleteRegKey HKCU "${SETTINGS_KEY}"
SectionEnd
