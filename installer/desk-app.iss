; Inno Setup script for the desk on Windows. Build the bundle first (installer/build.sh
; under Git Bash, into dist\desk-app), then:  iscc installer\desk-app.iss
; NOT YET TRIED ON WINDOWS: written from the Inno Setup 6 documentation; see README.
#define AppVersion Trim(FileRead(FileOpen(AddBackslash(SourcePath) + "..\dist\desk-app-version.txt")))

[Setup]
AppId={{6B7C2A4E-3F1D-4C5B-9E8A-2D7F0C1B5A93}
AppName=Phần mềm Một cửa cấp xã
AppVersion={#AppVersion}
AppPublisher=Bộ phận Một cửa
DefaultDirName={autopf}\DeskApp
DefaultGroupName=Một cửa
OutputDir=..\dist
OutputBaseFilename=desk-app-{#AppVersion}-setup
Compression=lzma2/ultra64
SolidCompression=yes
ArchitecturesInstallIn64BitMode=x64compatible
PrivilegesRequired=admin
WizardStyle=modern

[Languages]
Name: "vi"; MessagesFile: "compiler:Languages\Vietnamese.isl"
Name: "en"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "Tạo biểu tượng trên màn hình"; GroupDescription: "Biểu tượng:"
Name: "nightlysync"; Description: "Đồng bộ hằng đêm lúc 22:00 (Task Scheduler)"; GroupDescription: "Đồng bộ:"

[Files]
Source: "..\dist\desk-app\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\Một cửa"; Filename: "{app}\desk-app.exe"
Name: "{group}\Gỡ cài đặt"; Filename: "{uninstallexe}"
Name: "{autodesktop}\Một cửa"; Filename: "{app}\desk-app.exe"; Tasks: desktopicon

[Run]
; The nightly sync signs in like an officer: the task runs as the user who installs, and
; reads DESK_APP_PASSWORD from that user's environment (README: give it its own reception
; account). /F replaces the task of an earlier version.
Filename: "schtasks.exe"; \
  Parameters: "/Create /F /SC DAILY /ST 22:00 /TN ""DeskApp\NightlySync"" /TR ""\""{app}\desk-app.exe\"" sync"""; \
  Flags: runhidden; Tasks: nightlysync
Filename: "{app}\desk-app.exe"; Description: "Mở phần mềm Một cửa"; Flags: nowait postinstall skipifsilent

[UninstallRun]
Filename: "schtasks.exe"; Parameters: "/Delete /F /TN ""DeskApp\NightlySync"""; Flags: runhidden; RunOnceId: "DeleteNightlySync"

[Code]
// The data folder (%LOCALAPPDATA%\DeskApp and its backups beside it) is the commune's
// record: uninstalling keeps it unless the officer says otherwise, twice.
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  Data: String;
begin
  if CurUninstallStep = usPostUninstall then
  begin
    Data := ExpandConstant('{localappdata}\DeskApp');
    if DirExists(Data) then
      if MsgBox('Xóa cả dữ liệu hồ sơ của quầy tại ' + Data + '?' + #13#10 +
                'Chọn Không để giữ lại (khuyên dùng).', mbConfirmation, MB_YESNO or MB_DEFBUTTON2) = IDYES then
        if MsgBox('Dữ liệu đã xóa không lấy lại được, trừ khi có bản sao lưu. Xóa thật?',
                  mbError, MB_YESNO or MB_DEFBUTTON2) = IDYES then
          DelTree(Data, True, True, True);
  end;
end;
