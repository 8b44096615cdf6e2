# Sourced by build-aux/run and build-aux/test: installs the Debian 12 packages that are missing,
# and nothing when all are there (no apt-get at all then).

# To build and run the app.
BUILD_PACKAGES="gcc meson ninja-build pkg-config libglib2.0-dev libglib2.0-dev-bin
  libgtk-4-dev libadwaita-1-dev libjson-glib-dev libcairo2-dev libpango1.0-dev
  adwaita-icon-theme fonts-cantarell fonts-dejavu-core
  librsvg2-common gsettings-desktop-schemas libgl1-mesa-dri"
# (librsvg2-common draws the symbolic icons, libgl1-mesa-dri gives GTK a GL renderer; both are
# only recommended by GTK, and recommends are not installed here.)
# To run the test suite: a virtual display, python3 for the summary, the desktop file and
# metainfo validators.
TEST_PACKAGES="xvfb xauth python3 desktop-file-utils appstream"

ensure_packages() {
  local missing=()
  for p in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
      missing+=("$p")
    fi
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "Installing missing Debian packages: ${missing[*]}"
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "Need root or sudo to install: ${missing[*]}" >&2; exit 1; }
    sudo=sudo
  fi
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -q
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
}
