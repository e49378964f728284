# Sourced by bin/test: the browser tests drive Debian's headless Chromium through chromedriver.
# Installs both only when one is missing (needs root and the Debian archive); never upgrades them.

pl_ensure_browser() {
  if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then return 0; fi
  echo "installing chromium and chromium-driver for the browser tests…" >&2
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
      echo "chromium/chromedriver are missing and we are not root: apt-get install -y chromium chromium-driver" >&2
      return 1
    fi
  fi
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium chromium-driver >/dev/null
}
