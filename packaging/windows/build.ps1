# Build Mediation Desktop for Windows 10/11 x64: the one-folder program and the installer.
#
#   powershell -ExecutionPolicy Bypass -File packaging\windows\build.ps1
#
# Needs: Python 3.11 x64 with the project installed in .venv (`py -3.11 -m venv .venv` then
# `.venv\Scripts\python -m pip install -e ".[build]"`), and Inno Setup 6.5+ (iscc.exe on PATH or in
# its default folder). Result: dist\MediationDesktop\ and dist\MediationDesktop-VERSION-setup-x64.exe.
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..\..")
$py = ".venv\Scripts\python.exe"
$started = Get-Date

& $py packaging\build_translations.py | Out-Null
if ($LASTEXITCODE -ne 0) { throw "translations failed" }
& $py packaging\build_forms.py | Out-Null
if ($LASTEXITCODE -ne 0) { throw "forms failed" }
& $py packaging\windows\version_info.py | Out-Null
& $py -m PyInstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build\pyinstaller `
    packaging\mediation_desktop.spec
if ($LASTEXITCODE -ne 0) { throw "PyInstaller failed" }

# a quick check of the frozen command line before packing it
& dist\MediationDesktop\mediation-desktop.exe --version
if ($LASTEXITCODE -ne 0) { throw "the frozen program does not start" }

$version = (& $py -c "import mediation_desktop; print(mediation_desktop.__version__)").Trim()
$iscc = (Get-Command iscc.exe -ErrorAction SilentlyContinue).Source
if (-not $iscc) { $iscc = Join-Path ${env:ProgramFiles(x86)} "Inno Setup 6\ISCC.exe" }
if (-not (Test-Path $iscc)) { $iscc = Join-Path $env:LOCALAPPDATA "Programs\Inno Setup 6\ISCC.exe" }
& $iscc /Q "/DAppVersion=$version" packaging\windows\MediationDesktop.iss
if ($LASTEXITCODE -ne 0) { throw "Inno Setup failed" }

$folder = (Get-ChildItem dist\MediationDesktop -Recurse -File | Measure-Object Length -Sum).Sum / 1MB
$setup = (Get-Item "dist\MediationDesktop-$version-setup-x64.exe").Length / 1MB
"program folder: {0:N1} MB unpacked" -f $folder
"installer:      {0:N1} MB (budget <= 100 MB)" -f $setup
"build time:     {0:N0} s" -f ((Get-Date) - $started).TotalSeconds
