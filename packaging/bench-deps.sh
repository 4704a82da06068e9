#!/usr/bin/env bash
# Extra packages for a benchmark machine (not for users, not for CI): LibreOffice Writer, the baseline
# that bench/agreement_pdf.py converts an equivalent .docx with (python-docx comes with the test extras).
#
#   bash packaging/bench-deps.sh
set -euo pipefail
command -v soffice >/dev/null 2>&1 && { echo "LibreOffice already installed: $(command -v soffice)"; exit 0; }
sudo=()
[ "$(id -u)" -ne 0 ] && sudo=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
# Writer alone, headless conversion is enough; a CJK font so the .docx renders its Chinese text
"${sudo[@]}" apt-get install -y -qq --no-install-recommends libreoffice-writer-nogui fonts-arphic-uming >/dev/null \
  || "${sudo[@]}" apt-get install -y -qq --no-install-recommends libreoffice-writer fonts-arphic-uming >/dev/null
.venv/bin/python -c "import docx" 2>/dev/null || .venv/bin/python -m pip install -q python-docx
echo "LibreOffice: $(command -v soffice)"
