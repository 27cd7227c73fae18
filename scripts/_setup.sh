# Shared set-up for scripts/run-demo and scripts/test (sourced, not run).
# Installs the Debian packages the app and tests need (when missing), then a virtualenv.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

need_debs() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if ! command -v apt-get >/dev/null; then
    echo "缺少系统软件包：${missing[*]}（非 Debian 系统请手动安装对应软件）" >&2
    return 0
  fi
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "安装系统软件包：${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# Qt runtime libraries, a CJK font for screens and printouts
QT_DEBS=(libgl1 libegl1 libfontconfig1 libxkbcommon0 libxkbcommon-x11-0 libglib2.0-0 libdbus-1-3 libpulse0
         libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0
         libxcb-randr0 libxcb-shape0 libxcb-xkb1 fonts-wqy-microhei)

lock_for() {  # the lock file of a set of extras: "test" -> test.lock, "test,build" -> build.lock
  case "$1" in
    "" | app) echo requirements/app.lock ;;
    test) echo requirements/test.lock ;;
    build | test,build) echo requirements/build.lock ;;
    *) echo "未知的依赖组合：$1" >&2; return 1 ;;
  esac
}

setup_venv() {
  local extras="$1"
  local python="${PYTHON:-python3}"
  local lock
  lock="$(lock_for "$extras")"
  if [ ! -x .venv/bin/python ]; then
    "$python" -m venv .venv
  fi
  # exact versions and hashes from the lock (scripts/lock makes it), then the app itself;
  # again whenever the lock or pyproject.toml (entry points) changes
  local stamp=".venv/.installed-${extras:-app}"
  local want
  want="$(cat "$lock" pyproject.toml | sha256sum | cut -d' ' -f1)"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    .venv/bin/python -m pip install -q --require-hashes -r "$lock"
    .venv/bin/python -m pip install -q --no-deps -e .
    echo "$want" >"$stamp"
  fi
  # compiled translations (.qm) are build output, made from the committed .ts files
  for ts in resources/translations/*.ts; do
    [ "${ts%.ts}.qm" -nt "$ts" ] || .venv/bin/pyside6-lrelease -silent "$ts" -qm "${ts%.ts}.qm"
  done
}
