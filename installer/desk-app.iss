; Inno Setup script for the desk on Windows. Built and tested under Wine by
; scripts/test-windows (ISCC 6.4.1 from npm innosetup@6.4.1):
;   ISCC /DBundle=<folder holding desk-app\ and desk-app-version.txt> installer\desk-app.iss
; Without /DBundle the bundle is ..\dist (installer/build.sh run on Windows).
; Data: per user, %LOCALAPPDATA%\DeskApp (desk_app.platform.data_folder.default_data_dir); the installer
; never writes there and uninstalling keeps it. The nightly sync runs as the user who
; installs, from a Task Scheduler entry registered from XML (schtasks /Create /XML: the
; form both Windows and Wine 10 accept).
#ifndef Bundle
  #define Bundle AddBackslash(SourcePath) + "..\dist"
#endif
#define AppVersion Trim(FileRead(FileOpen(Bundle + "\desk-app-version.txt")))
; The commune hub (issue 23): offered only when the bundle holds the hub's server
; (installer/build.sh with WITH_HUB=1 makes dist\district-server).
#define WithHub FileExists(Bundle + "\district-server\district-server.exe")

[Setup]
AppId={{6B7C2A4E-3F1D-4C5B-9E8A-2D7F0C1B5A93}
AppName=Phần mềm Một cửa cấp xã
AppVersion={#AppVersion}
AppPublisher=Bộ phận Một cửa
DefaultDirName={autopf}\DeskApp
DefaultGroupName=Một cửa
OutputDir=..\dist\windows
OutputBaseFilename=desk-app-setup-{#AppVersion}
Compression=lzma2/ultra64
SolidCompression=yes
; The LZMA compressor in its own 64-bit process: faster, and it does not run out of the
; 32-bit compiler's address space.
LZMAUseSeparateProcess=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
PrivilegesRequired=admin
WizardStyle=modern
UninstallDisplayIcon={app}\desk-app.exe

[Languages]
; Inno's Vietnamese is an unofficial translation, not in the compiler package: the
; installer's own screens are in English, the desk's names and choices below in Vietnamese.
Name: "en"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "Tạo biểu tượng trên màn hình"; GroupDescription: "Biểu tượng:"
Name: "nightlysync"; Description: "Đồng bộ hằng đêm lúc 22:00 (Task Scheduler)"; GroupDescription: "Đồng bộ:"
#if WithHub
Name: "communehub"; Description: "Máy này là máy chủ trung gian (hub) của xã"; GroupDescription: "Hub của xã:"; Flags: unchecked
#endif

[Files]
Source: "{#Bundle}\desk-app\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
#if WithHub
  ; the hub's files, each one the desk's bundle has too taken from there (stored once):
  ; installer/hub_files.py lists them
  #if FileExists(Bundle + "\district-server-files.iss")
    #include Bundle + "\district-server-files.iss"
  #else
Source: "{#Bundle}\district-server\*"; DestDir: "{app}\hub"; Tasks: communehub; Flags: ignoreversion recursesubdirs createallsubdirs
  #endif
#endif

[InstallDelete]
; An upgrade replaces the whole program folder: no stale module of an older version.
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{group}\Một cửa"; Filename: "{app}\desk-app.exe"
Name: "{group}\Gỡ cài đặt"; Filename: "{uninstallexe}"
Name: "{autodesktop}\Một cửa"; Filename: "{app}\desk-app.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\desk-app.exe"; Description: "Mở phần mềm Một cửa"; Flags: nowait postinstall skipifsilent

[UninstallRun]
Filename: "schtasks.exe"; Parameters: "/Delete /F /TN ""DeskApp\NightlySync"""; Flags: runhidden; RunOnceId: "DeleteNightlySync"
#if WithHub
; The running hub stopped first (its files are in use while it runs), then its task removed.
Filename: "schtasks.exe"; Parameters: "/End /TN ""DeskApp\CommuneHub"""; Flags: runhidden; RunOnceId: "EndCommuneHub"
Filename: "taskkill.exe"; Parameters: "/F /IM district-server.exe"; Flags: runhidden; RunOnceId: "KillCommuneHub"
Filename: "schtasks.exe"; Parameters: "/Delete /F /TN ""DeskApp\CommuneHub"""; Flags: runhidden; RunOnceId: "DeleteCommuneHub"
Filename: "netsh.exe"; Parameters: "advfirewall firewall delete rule name=""DeskApp CommuneHub"""; Flags: runhidden; RunOnceId: "FirewallCommuneHub"
#endif

[Code]
// The nightly task, from an XML definition: `desk-app sync` every day at 22:00 as the
// installing user, and at the next logon when 22:00 was missed (StartWhenAvailable).
// The password it signs in with is sealed for that user by DPAPI (README). ASCII only:
// Wine's schtasks reads the file in the ANSI code page (Windows honours the declaration).
function NightlyTaskXml(const Exe: String): String;
begin
  Result :=
    '<?xml version="1.0" encoding="UTF-8"?>' + #13#10 +
    '<Task version="1.2" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">' + #13#10 +
    '  <RegistrationInfo><Description>desk-app sync: nightly sync with the district server</Description></RegistrationInfo>' + #13#10 +
    '  <Triggers><CalendarTrigger><StartBoundary>2026-01-01T22:00:00</StartBoundary>' +
    '<Enabled>true</Enabled><ScheduleByDay><DaysInterval>1</DaysInterval></ScheduleByDay>' +
    '</CalendarTrigger></Triggers>' + #13#10 +
    '  <Settings><StartWhenAvailable>true</StartWhenAvailable>' +
    '<MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy>' +
    '<DisallowStartIfOnBatteries>false</DisallowStartIfOnBatteries>' +
    '<StopIfGoingOnBatteries>false</StopIfGoingOnBatteries>' +
    '<ExecutionTimeLimit>PT2H</ExecutionTimeLimit><Enabled>true</Enabled></Settings>' + #13#10 +
    '  <Actions Context="Author"><Exec><Command>' + Exe + '</Command>' +
    '<Arguments>sync</Arguments></Exec></Actions>' + #13#10 +
    '</Task>' + #13#10;
end;

#if WithHub
// The commune hub: the upstream's address and the hub code (district-server enrol-hub there)
// asked on a page of their own, then a Task Scheduler entry that starts the hub at boot as
// SYSTEM (before anybody signs in) and again within a minute whenever it is not running,
// data in %ProgramData%\DeskApp\hub, https on port 8443 with hub.pem and hub.key placed
// there (README, "The commune hub"). The code is used at the first start only.
// A silent install takes both answers from its command line:
//   /VERYSILENT /TASKS="nightlysync,communehub" /HUBUPSTREAM=https://... /HUBCODE=XXXX-XXXX-XXXX-XXXX
var
  HubPage: TInputQueryWizardPage;

procedure InitializeWizard;
begin
  HubPage := CreateInputQueryPage(wpSelectTasks, 'Hub của xã',
    'Máy chủ cấp trên mà hub chuyển dữ liệu lên',
    'Nhập địa chỉ máy chủ cấp trên (https://...) và mã đăng ký hub do quản trị cấp trên cấp ' +
    '(lệnh district-server enrol-hub).');
  HubPage.Add('Địa chỉ máy chủ cấp trên:', False);
  HubPage.Add('Mã đăng ký hub:', False);
  HubPage.Values[0] := ExpandConstant('{param:HUBUPSTREAM|}');
  HubPage.Values[1] := ExpandConstant('{param:HUBCODE|}');
end;

function ShouldSkipPage(PageID: Integer): Boolean;
begin
  Result := (PageID = HubPage.ID) and not WizardIsTaskSelected('communehub');
end;

function HubAnswered: Boolean;
begin
  Result := ((Pos('https://', Lowercase(Trim(HubPage.Values[0]))) = 1) or
             (Pos('http://', Lowercase(Trim(HubPage.Values[0]))) = 1)) and
            (Trim(HubPage.Values[1]) <> '');
end;

function NextButtonClick(CurPageID: Integer): Boolean;
begin
  Result := True;
  if (CurPageID = HubPage.ID) and not HubAnswered then
  begin
    MsgBox('Cần địa chỉ máy chủ cấp trên (https://...) và mã đăng ký hub.', mbError, MB_OK);
    Result := False;
  end;
end;

// What the task's XML holds of the answers, with XML's special characters escaped.
function XmlText(const Value: String): String;
begin
  Result := Value;
  StringChangeEx(Result, '&', '&amp;', True);
  StringChangeEx(Result, '<', '&lt;', True);
  StringChangeEx(Result, '>', '&gt;', True);
end;

function HubTaskXml(const Exe, Data, Upstream, Code: String): String;
begin
  Result :=
    '<?xml version="1.0" encoding="UTF-8"?>' + #13#10 +
    '<Task version="1.2" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">' + #13#10 +
    '  <RegistrationInfo><Description>district-server: the commune hub</Description></RegistrationInfo>' + #13#10 +
    // at boot, and every minute (IgnoreNew: nothing happens while the hub runs): Task
    // Scheduler's RestartOnFailure restarts a task that failed to start, not a program
    // that ended, so the repetition is what brings a stopped hub back
    '  <Triggers><BootTrigger><Enabled>true</Enabled></BootTrigger>' +
    '<TimeTrigger><StartBoundary>2026-01-01T00:00:00</StartBoundary><Enabled>true</Enabled>' +
    '<Repetition><Interval>PT1M</Interval><StopAtDurationEnd>false</StopAtDurationEnd></Repetition>' +
    '</TimeTrigger></Triggers>' + #13#10 +
    '  <Principals><Principal id="Author"><UserId>S-1-5-18</UserId><RunLevel>HighestAvailable</RunLevel></Principal></Principals>' + #13#10 +
    '  <Settings><MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy>' +
    '<DisallowStartIfOnBatteries>false</DisallowStartIfOnBatteries>' +
    '<StopIfGoingOnBatteries>false</StopIfGoingOnBatteries>' +
    '<RestartOnFailure><Interval>PT1M</Interval><Count>999</Count></RestartOnFailure>' +
    '<ExecutionTimeLimit>PT0S</ExecutionTimeLimit><Enabled>true</Enabled></Settings>' + #13#10 +
    '  <Actions Context="Author"><Exec><Command>' + Exe + '</Command>' +
    '<Arguments>serve --role hub --data-dir "' + Data + '" --host 0.0.0.0 --port 8443 ' +
    '--tls-cert "' + Data + '\hub.pem" --tls-key "' + Data + '\hub.key" ' +
    '--upstream ' + XmlText(Upstream) + ' --upstream-code ' + XmlText(Code) + '</Arguments></Exec></Actions>' + #13#10 +
    '</Task>' + #13#10;
end;

// Stops the hub if it runs (its files are in use while it runs): before an upgrade
// replaces them. It starts again from its task (RegisterHub's /Run, or within a minute).
procedure StopHub;
var
  Code: Integer;
begin
  Exec(ExpandConstant('{sys}\schtasks.exe'), '/End /TN "DeskApp\CommuneHub"', '', SW_HIDE,
       ewWaitUntilTerminated, Code);
  Exec(ExpandConstant('{sys}\taskkill.exe'), '/F /IM district-server.exe', '', SW_HIDE,
       ewWaitUntilTerminated, Code);
end;

function PrepareToInstall(var NeedsRestart: Boolean): String;
begin
  Result := '';
  if FileExists(ExpandConstant('{app}\hub\district-server.exe')) then
    StopHub;
end;

// The task's XML is kept in the hub's data folder: an administrator can register it again
// (schtasks /Create /TN "DeskApp\CommuneHub" /XML commune-hub.xml), and it is what
// scripts/test-windows checks (Wine's Task Scheduler stores a task without its triggers
// and its command).
procedure RegisterHub;
var
  Xml, Data: String;
  Lines: TArrayOfString;
  Code: Integer;
  Registered: Boolean;
begin
  if not HubAnswered then
  begin
    SuppressibleMsgBox('Hub của xã: thiếu địa chỉ máy chủ cấp trên hoặc mã đăng ký hub ' +
      '(/HUBUPSTREAM=... /HUBCODE=... khi cài không hỏi); chưa tạo tác vụ chạy hub.',
      mbError, MB_OK, IDOK);
    Exit;
  end;
  Data := ExpandConstant('{commonappdata}\DeskApp\hub');
  ForceDirectories(Data);
  Xml := Data + '\commune-hub.xml';
  SetArrayLength(Lines, 1);
  Lines[0] := HubTaskXml(ExpandConstant('{app}\hub\district-server.exe'), Data,
                         Trim(HubPage.Values[0]), Trim(HubPage.Values[1]));
  SaveStringsToUTF8FileWithoutBOM(Xml, Lines, False);
  Registered := Exec(ExpandConstant('{sys}\schtasks.exe'),
                     '/Create /F /TN "DeskApp\CommuneHub" /XML "' + Xml + '"',
                     '', SW_HIDE, ewWaitUntilTerminated, Code) and (Code = 0);
  Log('DeskApp\CommuneHub: schtasks /Create /XML ' + Xml + ': exit code ' + IntToStr(Code));
  // The desks reach the hub on port 8443 from the office's LAN only (any network profile:
  // Windows may call the office's network public).
  Exec(ExpandConstant('{sys}\netsh.exe'), 'advfirewall firewall delete rule name="DeskApp CommuneHub"',
       '', SW_HIDE, ewWaitUntilTerminated, Code);
  Exec(ExpandConstant('{sys}\netsh.exe'), 'advfirewall firewall add rule name="DeskApp CommuneHub" ' +
       'dir=in action=allow protocol=TCP localport=8443 remoteip=localsubnet',
       '', SW_HIDE, ewWaitUntilTerminated, Code);
  Log('DeskApp CommuneHub: netsh advfirewall firewall add rule: exit code ' + IntToStr(Code));
  if not Registered then
    SuppressibleMsgBox('Không tạo được tác vụ chạy hub (mã ' + IntToStr(Code) + ').',
      mbError, MB_OK, IDOK)
  else // started now, not at the next boot (it waits for hub.pem and hub.key if missing)
    Exec(ExpandConstant('{sys}\schtasks.exe'), '/Run /TN "DeskApp\CommuneHub"', '',
         SW_HIDE, ewWaitUntilTerminated, Code);
end;
#endif

procedure CurStepChanged(CurStep: TSetupStep);
var
  Xml: String;
  Lines: TArrayOfString;
  Code: Integer;
begin
  if (CurStep = ssPostInstall) and WizardIsTaskSelected('nightlysync') then
  begin
    Xml := ExpandConstant('{tmp}\nightly-sync.xml');
    SetArrayLength(Lines, 1);
    Lines[0] := NightlyTaskXml(ExpandConstant('{app}\desk-app.exe'));
    // Without a byte order mark: Wine's schtasks refuses the file with one (Windows
    // takes both).
    SaveStringsToUTF8FileWithoutBOM(Xml, Lines, False);
    if not Exec(ExpandConstant('{sys}\schtasks.exe'),
                '/Create /F /TN "DeskApp\NightlySync" /XML "' + Xml + '"',
                '', SW_HIDE, ewWaitUntilTerminated, Code) or (Code <> 0) then
      SuppressibleMsgBox('Không tạo được lịch đồng bộ hằng đêm (mã ' + IntToStr(Code) + '). ' +
        'Có thể tạo lại bằng Task Scheduler: desk-app.exe sync lúc 22:00.', mbError, MB_OK, IDOK);
  end;
#if WithHub
  if (CurStep = ssPostInstall) and WizardIsTaskSelected('communehub') then
    RegisterHub;
#endif
end;

// The data folder (%LOCALAPPDATA%\DeskApp and its backups beside it) is the commune's
// record: uninstalling keeps it unless the officer says otherwise, twice. A silent
// uninstall always keeps it.
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  Data: String;
begin
  if (CurUninstallStep = usPostUninstall) and not UninstallSilent() then
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
