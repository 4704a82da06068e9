; Inno Setup script for Mediation Desktop (调解工作台), Windows 10/11 x64.
;
; Build (on Windows, after packaging\windows\build.ps1 has made dist\MediationDesktop):
;   iscc /DAppVersion=0.1.0 packaging\windows\MediationDesktop.iss
; Needs Inno Setup 6.5 or later, which ships the Simplified Chinese translation
; (compiler:Languages\ChineseSimplified.isl); with an older 6.x, put that file (from the Inno Setup
; translations page) into Inno Setup's Languages folder first.
;
; What it does and why:
; - Chinese first: the wizard is in Simplified Chinese (English on a non-Chinese Windows); the Start
;   menu and desktop shortcuts are named 调解工作台.
; - Installs per user without administrator rights by default (township computers are often locked
;   down), into %LOCALAPPDATA%\Programs\MediationDesktop; an administrator may choose all users.
; - Upgrade in place: the same AppId finds the previous installation and its folder; a running program
;   is closed first; the old program files are replaced (the _internal folder is cleared so no stale
;   library lingers). The data folder (%LOCALAPPDATA%\MediationDesktop: database, attachments,
;   backups) is not part of the installation and is never touched by an upgrade.
; - Uninstall removes the program. It asks — default answer No, then a second confirmation — before
;   deleting the data folder, and never deletes it in a silent uninstall.
; On Linux it compiles and installs under Wine with 32-bit Wine (packaging/windows/installer.sh); see
; docs/packaging.md.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "调解工作台"
#define AppNameEn "Mediation Desktop"
#define AppExe "MediationDesktop.exe"
#define DataFolder "MediationDesktop"
#ifndef Compression
  #define Compression "lzma2/ultra64"
#endif
#ifndef Source
  #define Source "..\..\dist\MediationDesktop"
#endif
; Inno Setup 6.5+ ships the Simplified Chinese wizard text; an older compiler without it (such as the one on
; npm that packaging/windows/installer.sh uses under Wine) builds an English-only setup instead of failing.
#define ChineseIsl AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl"
#if FileExists(ChineseIsl)
  #define HaveChinese
#endif

[Setup]
AppId={{6A0F3D5E-2C1B-4E7A-9B58-3D0C6E1F7A42}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppNameEn}
VersionInfoVersion={#AppVersion}
VersionInfoProductName={#AppNameEn}
VersionInfoDescription={#AppNameEn} Setup
DefaultDirName={autopf}\MediationDesktop
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
UsePreviousAppDir=yes
UsePreviousLanguage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=commandline dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
CloseApplications=yes
RestartApplications=no
SetupIconFile=..\icons\mediation-desktop.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName} ({#AppNameEn})
WizardStyle=modern
ShowLanguageDialog=auto
Compression={#Compression}
SolidCompression=yes
LZMANumBlockThreads=2
; the compressor in a process of its own: ultra64 with two block threads needs more memory than
; the 32-bit compiler has beside its own (ISCC.exe stops with "Out of memory" otherwise)
LZMAUseSeparateProcess=yes
OutputDir=..\..\dist
OutputBaseFilename=MediationDesktop-{#AppVersion}-setup-x64

[Languages]
#ifdef HaveChinese
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#endif
Name: "english"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
#ifdef HaveChinese
chinesesimplified.DesktopIcon=在桌面创建“调解工作台”快捷方式
chinesesimplified.ShortcutsGroup=快捷方式：
chinesesimplified.AskDeleteData=是否同时删除全部调解数据？%n%n数据目录：%1%n其中有案件数据库、附件和备份。删除后无法恢复。%n%n选择“否”会保留数据，重新安装后可继续使用。
chinesesimplified.ConfirmDeleteData=确定要永久删除 %1 吗？建议先用“备份”功能把数据保存到 U 盘。
chinesesimplified.DataKept=调解数据已保留在：%1
#endif
english.DesktopIcon=Create a desktop shortcut
english.ShortcutsGroup=Shortcuts:
english.AskDeleteData=Also delete all mediation data?%n%nData folder: %1%nIt holds the case database, attachments and backups. This cannot be undone.%n%nChoose No to keep the data for a later installation.
english.ConfirmDeleteData=Permanently delete %1? Make a backup to a USB stick first if in doubt.
english.DataKept=The mediation data was kept in: %1

[Tasks]
Name: "desktopicon"; Description: "{cm:DesktopIcon}"; GroupDescription: "{cm:ShortcutsGroup}"

[InstallDelete]
; an upgrade replaces the program's libraries completely (never the data folder, which lives elsewhere)
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#Source}\{#AppExe}"; DestDir: "{app}"; Flags: ignoreversion
Source: "{#Source}\mediation-desktop.exe"; DestDir: "{app}"; Flags: ignoreversion
Source: "{#Source}\_internal\*"; DestDir: "{app}\_internal"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Comment: "{#AppNameEn}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; only what the program itself may leave beside its files; never the data folder
Type: dirifempty; Name: "{app}"

[Code]
function DataDir(): String;
begin
  Result := ExpandConstant('{localappdata}\{#DataFolder}');
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  Dir: String;
begin
  if CurUninstallStep <> usPostUninstall then
    exit;
  Dir := DataDir();
  if not DirExists(Dir) then
    exit;
  { a silent uninstall (e.g. by IT tools) never deletes data }
  if UninstallSilent() then
    exit;
  if (SuppressibleMsgBox(FmtMessage(CustomMessage('AskDeleteData'), [Dir]), mbConfirmation,
                         MB_YESNO or MB_DEFBUTTON2, IDNO) = IDYES) and
     (SuppressibleMsgBox(FmtMessage(CustomMessage('ConfirmDeleteData'), [Dir]), mbCriticalError,
                         MB_YESNO or MB_DEFBUTTON2, IDNO) = IDYES) then
    DelTree(Dir, True, True, True)
  else
    MsgBox(FmtMessage(CustomMessage('DataKept'), [Dir]), mbInformation, MB_OK);
end;
