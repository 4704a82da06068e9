#!/usr/bin/env bash
# Install (or upgrade, or remove) Mediation Desktop from this unpacked folder, for one user or — run as
# root — for everybody. The data folder (~/.local/share/MediationDesktop: database, files, backups) is
# never touched: an upgrade replaces only the program, and --uninstall removes only the program.
#
#   ./install.sh               install or upgrade in place
#   ./install.sh --uninstall   remove the program, menu entry and icons (the data stays)
# INSTALL_SCOPE=user or system overrides the choice made from who runs it.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

scope="${INSTALL_SCOPE:-$([ "$(id -u)" -eq 0 ] && echo system || echo user)}"
if [ "$scope" = system ]; then
  prefix=/opt/mediation-desktop; bin=/usr/local/bin; share=/usr/local/share
else
  prefix="$HOME/.local/opt/mediation-desktop"; bin="$HOME/.local/bin"; share="${XDG_DATA_HOME:-$HOME/.local/share}"
fi
sizes=(16 24 32 48 64 128 256)

remove_program() {
  rm -f "$bin/mediation-desktop" "$share/applications/mediation-desktop.desktop"
  rm -f "$share/icons/hicolor/scalable/apps/mediation-desktop.svg"
  for s in "${sizes[@]}"; do rm -f "$share/icons/hicolor/${s}x${s}/apps/mediation-desktop.png"; done
  rm -rf "$prefix"
}

refresh_menus() {
  command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$share/applications" || true
  command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$share/icons/hicolor" || true
}

if [ "${1:-}" = "--uninstall" ]; then
  remove_program
  refresh_menus
  echo "调解工作台已卸载。数据目录未删除（如需删除请手动处理）。 / Program removed; the data folder was kept."
  exit 0
fi

[ -x "$here/mediation-desktop" ] || { echo "run install.sh from the unpacked MediationDesktop folder" >&2; exit 1; }
if [ "$here" = "$prefix" ]; then echo "already installed here: $prefix"; exit 0; fi

# Upgrade in place: copy beside, then swap, so a failed copy leaves the old program working.
mkdir -p "$(dirname "$prefix")" "$bin" "$share/applications" "$share/icons/hicolor/scalable/apps"
staging="$prefix.new.$$"
rm -rf "$staging"
cp -a "$here" "$staging"
rm -rf "$prefix.old"
[ -d "$prefix" ] && mv "$prefix" "$prefix.old"
mv "$staging" "$prefix"
rm -rf "$prefix.old"

ln -sfn "$prefix/mediation-desktop" "$bin/mediation-desktop"
sed "s|^Exec=.*|Exec=$prefix/mediation-desktop|; s|^TryExec=.*|TryExec=$prefix/mediation-desktop|" \
  "$here/share/mediation-desktop.desktop" > "$share/applications/mediation-desktop.desktop"
cp "$here/share/mediation-desktop.svg" "$share/icons/hicolor/scalable/apps/"
for s in "${sizes[@]}"; do
  mkdir -p "$share/icons/hicolor/${s}x${s}/apps"
  cp "$here/share/mediation-desktop-$s.png" "$share/icons/hicolor/${s}x${s}/apps/mediation-desktop.png"
done
refresh_menus
echo "调解工作台已安装到 $prefix（菜单：办公 → 调解工作台）。 / Installed to $prefix."
