# Sourced by build-aux/run and build-aux/test: installs the Debian 12 packages that are missing,
# and nothing when all are there (no apt-get at all then).

# To build and run the app.
BUILD_PACKAGES="gcc meson ninja-build pkg-config gettext libglib2.0-dev libglib2.0-dev-bin
  libgtk-4-dev libadwaita-1-dev libgtksourceview-5-dev libgdk-pixbuf-2.0-dev libjson-glib-dev libcmark-dev
  libcairo2-dev libpango1.0-dev
  adwaita-icon-theme fonts-cantarell fonts-dejavu-core
  librsvg2-common gsettings-desktop-schemas libgl1-mesa-dri"
# (librsvg2-common draws the symbolic icons, libgl1-mesa-dri gives GTK a GL renderer; both are
# only recommended by GTK, and recommends are not installed here.)
# To run the test suite: a virtual display, python3 for the summary, the desktop file and
# metainfo validators (appstreamcli, and appstream-util's validate-relax), groff to check the
# manual page, clang-format to keep the tree formatted.
TEST_PACKAGES="xvfb xauth python3 desktop-file-utils appstream appstream-util groff-base clang-format"

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

# The suite runs the command line under this locale too (decimal commas), and compares its
# numbers and pictures with the C locale's.
TEST_LOCALE="de_DE.UTF-8"

# True if locale NAME (e.g. de_DE.UTF-8) is installed: `locale -a` spells it de_DE.utf8.
locale_exists() {
  local want
  want=$(printf '%s' "$1" | tr 'A-Z' 'a-z' | tr -d -- '-')
  locale -a 2>/dev/null | tr 'A-Z' 'a-z' | tr -d -- '-' | grep -qxF "$want"
}

# Generates locale NAME (LANG.CHARSET, e.g. de_DE.UTF-8) when it is missing: enabled in
# /etc/locale.gen so that Debian's locale-gen keeps it when it regenerates the others.
ensure_locale() {
  local name=$1
  locale_exists "$name" && return 0
  ensure_packages locales
  echo "Generating the locale $name"
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "Need root or sudo to generate the locale $name" >&2; exit 1; }
    sudo=sudo
  fi
  local charset=${name#*.}
  if [ -f /etc/locale.gen ] && command -v locale-gen >/dev/null; then
    if ! grep -q "^${name} ${charset}\$" /etc/locale.gen; then
      if grep -q "^# *${name} ${charset}\$" /etc/locale.gen; then
        $sudo sed -i "s/^# *${name} ${charset}\$/${name} ${charset}/" /etc/locale.gen
      else
        echo "${name} ${charset}" | $sudo tee -a /etc/locale.gen >/dev/null
      fi
    fi
    $sudo locale-gen
  else
    $sudo localedef -i "${name%%.*}" -f "$charset" "$name"
  fi
  locale_exists "$name" || { echo "Could not generate the locale $name" >&2; exit 1; }
}
