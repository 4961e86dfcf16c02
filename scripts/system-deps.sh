#!/usr/bin/env bash
# Make sure the system has what Python packages cannot bring: a CJK font (Chinese PDF
# reports) and Pango (WeasyPrint's text layout). Installs Debian/Ubuntu packages when run
# as root; otherwise prints the exact command to run. Never fails the build: HTML reports
# work without these, and a Chinese PDF stops with the same instruction.
set -u

have_cjk_font() { command -v fc-list >/dev/null 2>&1 && [ -n "$(fc-list :lang=zh family 2>/dev/null | head -n 1)" ]; }
have_pango() { ldconfig -p 2>/dev/null | grep -q 'libpango-1.0.so' && ldconfig -p 2>/dev/null | grep -q 'libpangoft2-1.0.so'; }

missing=()
have_cjk_font || missing+=(fonts-noto-cjk fontconfig)
have_pango || missing+=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0)

if [ "$(uname -s)" = "Darwin" ]; then
  have_pango || echo "orient: WeasyPrint needs Pango: brew install pango"
  exit 0
fi
if [ ${#missing[@]} -eq 0 ]; then
  echo "orient: CJK font and Pango found"
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "orient: installing ${missing[*]} (apt-get)"
  export DEBIAN_FRONTEND=noninteractive
  if apt-get install -y -qq "${missing[@]}" >/dev/null 2>&1 \
     || { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq "${missing[@]}" >/dev/null 2>&1; }; then
    echo "orient: installed ${missing[*]}"
    exit 0
  fi
  echo "orient: apt-get could not install ${missing[*]}"
fi
echo "orient: missing system packages: ${missing[*]}"
echo "  Debian/Ubuntu: sudo apt-get install ${missing[*]}"
echo "  Fedora:        sudo dnf install google-noto-sans-cjk-fonts pango"
echo "  Without a CJK font, Chinese PDF reports stop with this instruction; HTML reports still work."
exit 0
