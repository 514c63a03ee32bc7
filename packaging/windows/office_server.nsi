; 家政服务台 主机组件 — the optional second installer: PostgreSQL for the host PC of an office with several PCs.
;
; Only the PC that will be the office's host (设置 → 多台电脑 → 把这台电脑设为主机) needs it; the single-PC
; program and the other PCs of an office never do, which is why it is not in the program's own installer.
; It puts PostgreSQL (the server's part only: office_component.py) into <the program's folder>\postgresql,
; where the program looks for it, per user and without administrator rights, with its own entry in
; 设置 → 应用 and its own uninstaller. Updating the program keeps it (that installer replaces only its own
; files); removing it keeps the office's data (%LOCALAPPDATA%\jiazheng-desktop\office-server).
;
;   makensis -DVERSION=0.2.0 -DPGDIR=<out\postgresql> -DPGVERSION=18.6 -DOUTFILE=<setup.exe> office_server.nsi
;
; Silent install: setup.exe /S (optionally /D=<the program's folder> as the last argument).

Target amd64-unicode
ManifestDPIAware true
SetCompressor /SOLID lzma
SetCompressorDictSize 64

!define APP_NAME "家政服务台"
!define COMPONENT_NAME "家政服务台 主机组件"
!define APP_ID "jiazheng-desktop"
!define COMPONENT_ID "jiazheng-desktop-office-server"
!define UNINSTALLER "uninstall-office-server.exe"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${COMPONENT_ID}"
!define SETTINGS_KEY "Software\${APP_ID}"

!ifndef VERSION
  !searchparse /file "..\..\jiazheng_desktop\__init__.py" '__version__ = "' VERSION '"'
!endif
!ifndef PGDIR
  !error "PGDIR (the folder office_component.py made) is required"
!endif
!ifndef PGVERSION
  !error "PGVERSION (the PostgreSQL version) is required"
!endif
!ifndef OUTFILE
  !system 'mkdir .build'
  !define OUTFILE ".build\jiazheng-office-server-setup-${VERSION}-pg${PGVERSION}.exe"
!endif
!ifndef ICON
  !define ICON "..\..\resources\icons\app.ico"
!endif

!searchparse /noerrors "${VERSION}." "" V1 "." V2 "." V3 "."
!ifndef V3
  !define V3 0
!endif

Name "${COMPONENT_NAME}"
Caption "${COMPONENT_NAME}（PostgreSQL ${PGVERSION}）安装"
BrandingText "${COMPONENT_NAME} ${VERSION}"
OutFile "${OUTFILE}"
RequestExecutionLevel user
; The program's folder: where its installer put it (remembered in HKCU), else its default.
InstallDir "$LOCALAPPDATA\Programs\${APP_NAME}"
InstallDirRegKey HKCU "${SETTINGS_KEY}" "InstallDir"
ShowInstDetails nevershow
ShowUninstDetails nevershow

VIProductVersion "${V1}.${V2}.${V3}.0"
VIAddVersionKey /LANG=2052 "ProductName" "${COMPONENT_NAME}"
VIAddVersionKey /LANG=2052 "FileDescription" "${COMPONENT_NAME}（PostgreSQL ${PGVERSION}）安装程序"
VIAddVersionKey /LANG=2052 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "LegalCopyright" "PostgreSQL: The PostgreSQL Global Development Group (PostgreSQL License)"

!include "MUI2.nsh"
!include "FileFunc.nsh"
!include "x64.nsh"
!include "WinVer.nsh"

!define NEEDS_WINDOWS "${COMPONENT_NAME}需要 64 位的 Windows 10 或 Windows 11。"
!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_WELCOMEPAGE_TITLE "安装${COMPONENT_NAME}"
!define MUI_WELCOMEPAGE_TEXT "办公室里有几台电脑一起用${APP_NAME}时，其中一台当“主机”，数据存在它上面的 PostgreSQL 数据库服务器里。本组件就是这个服务器（PostgreSQL ${PGVERSION}）。$\r$\n$\r$\n只有当主机的那台电脑需要安装；其他电脑和只用一台电脑的公司都不需要。$\r$\n$\r$\n请先安装${APP_NAME}本身，再安装本组件，并选择${APP_NAME}所在的文件夹。装好后在${APP_NAME}里打开 设置 → 多台电脑 → 把这台电脑设为主机。"
!define MUI_DIRECTORYPAGE_TEXT_TOP "请选择${APP_NAME}所在的文件夹（里面有 jiazheng-desktop.exe）。主机组件装在它的 postgresql 子文件夹里，${APP_NAME}在那里找它。"
!define MUI_FINISHPAGE_TEXT "主机组件已安装。请在${APP_NAME}里打开 设置 → 多台电脑，点“把这台电脑设为主机”。"
!define MUI_UNCONFIRMPAGE_TEXT_TOP "将删除${COMPONENT_NAME}（PostgreSQL 程序）。办公室的数据会保留：%LOCALAPPDATA%\${APP_ID}\office-server 不会删除。删除后这台电脑不能再当主机，其他电脑也连不上它，直到重新安装本组件。"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "SimpChinese"

Function .onInit
  ${IfNot} ${AtLeastWin10}
  ${OrIfNot} ${RunningX64}
    MessageBox MB_ICONSTOP|MB_OK "${NEEDS_WINDOWS}" /SD IDOK
    Abort
  ${EndIf}
FunctionEnd

Function .onVerifyInstDir
  ; the program's folder, not any folder: the program looks for postgresql\ beside itself
  IfFileExists "$INSTDIR\jiazheng-desktop.exe" +2
    Abort
FunctionEnd

Section "${COMPONENT_NAME}" SecMain
  SectionIn RO
  SetShellVarContext current
  ; A running office server holds its programs open: replacing them under it would break it.
  Delete "$INSTDIR\postgresql\bin\postgres.exe"
  IfFileExists "$INSTDIR\postgresql\bin\postgres.exe" 0 +3
    MessageBox MB_ICONEXCLAMATION|MB_OK "办公室服务器正在运行，无法更新主机组件。请重启这台电脑，先不要打开${APP_NAME}，再运行本安装程序。" /SD IDOK
    Abort
  RMDir /r "$INSTDIR\postgresql"
  SetOutPath "$INSTDIR\postgresql"
  File /r "${PGDIR}\*.*"
  SetOutPath "$INSTDIR"
  WriteUninstaller "$INSTDIR\${UNINSTALLER}"

  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${COMPONENT_NAME}（PostgreSQL ${PGVERSION}）"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "${APP_NAME}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\jiazheng-desktop.exe,0"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR\postgresql"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\${UNINSTALLER}"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\${UNINSTALLER}" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR\postgresql" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "EstimatedSize" "$0"
SectionEnd

Section "Uninstall"
  SetShellVarContext current
  Delete "$INSTDIR\postgresql\bin\postgres.exe"
  IfFileExists "$INSTDIR\postgresql\bin\postgres.exe" 0 +3
    MessageBox MB_ICONEXCLAMATION|MB_OK "办公室服务器正在运行。请重启这台电脑，先不要打开${APP_NAME}，再卸载。" /SD IDOK
    Abort
  ; its own files only: the program beside it and the office's data stay
  RMDir /r "$INSTDIR\postgresql"
  Delete "$INSTDIR\${UNINSTALLER}"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
SectionEnd
