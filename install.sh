#!/bin/sh
# install.sh - build queuectl from this checkout and install it, with its
# man pages and shell completions, under a prefix (default: ~/.local).
#
# Run it from anywhere: ./install.sh, sh /path/to/install.sh, ...
# Safe to re-run: system packages are only installed when missing and the
# cargo build is incremental.
set -eu

PROG=install.sh

say() {
    printf '%s: %s\n' "$PROG" "$*" >&2
}

die() {
    say "error: $*"
    exit 1
}

usage() {
    cat <<EOF
Usage: sh install.sh [OPTIONS]

Build queuectl (cargo build --release --locked) and install it together
with its man pages and shell completions.

Options:
  --prefix DIR           install root (default: \$PREFIX, else \$HOME/.local)
                           DIR/bin/queuectl
                           DIR/share/man/man1/*.1
                           DIR/share/bash-completion/completions/queuectl
                           DIR/share/zsh/site-functions/_queuectl
                           DIR/share/fish/vendor_completions.d/queuectl.fish
  --no-system-packages   never call apt-get or brew; fail with a hint
                         instead if redis-server (or node/npm) is missing
  --no-browser           do not install Chromium (only crawl --render and
                         the scrape handler's data.render need it)
  --dev                  also make sure the test prerequisites exist (node,
                         npm, redis-cli, openssl, python3, python3-doc,
                         python3-prometheus-client, chromium, unshare, ip)
                         and install the interop test
                         dependencies (npm ci in tests/interop)
  --no-first-run         skip the first run (examples/first-run.sh: a scrape
                         job through a private redis-server and a local page)
  -h, --help             show this help and exit

Requirements: cargo (install Rust via https://rustup.rs) and redis-server.
On Debian/Ubuntu (apt-get) or macOS (Homebrew) missing redis-server, node
and npm are installed automatically unless --no-system-packages is given.
No redis service is started or enabled; the tests start their own servers.
EOF
}

# ---------------------------------------------------------------------------
# Options

prefix=${PREFIX:-}
use_system_packages=1
browser=1
dev=0
first_run=1

while [ $# -gt 0 ]; do
    case $1 in
        -h | --help)
            usage
            exit 0
            ;;
        --prefix)
            if [ $# -lt 2 ]; then
                say "option --prefix requires an argument (try --help)"
                exit 2
            fi
            prefix=$2
            shift
            ;;
        --prefix=*)
            prefix=${1#--prefix=}
            ;;
        --no-system-packages)
            use_system_packages=0
            ;;
        --no-browser)
            browser=0
            ;;
        --dev)
            dev=1
            ;;
        --no-first-run)
            first_run=0
            ;;
        --)
            shift
            break
            ;;
        *)
            say "unknown option: $1 (try --help)"
            exit 2
            ;;
    esac
    shift
done

if [ $# -gt 0 ]; then
    say "unexpected argument: $1 (try --help)"
    exit 2
fi

if [ -z "$prefix" ]; then
    if [ -z "${HOME:-}" ]; then
        say "HOME is not set; pass --prefix DIR"
        exit 2
    fi
    prefix=$HOME/.local
fi

# Make a relative prefix absolute (relative to the caller's directory).
case $prefix in
    /*) ;;
    *) prefix=$(pwd)/$prefix ;;
esac
# Drop trailing slashes (but keep "/").
while :; do
    case $prefix in
        */) [ "$prefix" = / ] && break; prefix=${prefix%/} ;;
        *) break ;;
    esac
done

set_dirs() {
    bin_dir=${prefix%/}/bin
    man_dir=${prefix%/}/share/man/man1
    bash_dir=${prefix%/}/share/bash-completion/completions
    zsh_dir=${prefix%/}/share/zsh/site-functions
    fish_dir=${prefix%/}/share/fish/vendor_completions.d
}
set_dirs

# ---------------------------------------------------------------------------
# Locate the repository (the directory holding this script).

case $0 in
    */*) script_dir=${0%/*} ;;
    *) script_dir=. ;;
esac
repo_dir=$(CDPATH='' cd -- "$script_dir" && pwd -P) ||
    die "cannot determine the directory of $0"
if [ ! -f "$repo_dir/Cargo.toml" ]; then
    die "no Cargo.toml next to install.sh (in $repo_dir); run install.sh from a queuectl checkout"
fi

# ---------------------------------------------------------------------------
# Helpers for system packages

have() {
    command -v "$1" >/dev/null 2>&1
}

is_root() {
    [ "$(id -u)" = 0 ]
}

# Run a command as root: directly when root, otherwise through sudo.
as_root() {
    if is_root; then
        "$@"
    elif have sudo; then
        sudo "$@"
    else
        die "root privileges needed for '$*' but not root and sudo is not available; run it yourself or re-run as root"
    fi
}

# Temporary /usr/sbin/policy-rc.d that stops Debian package scripts from
# starting services while we install (so installing redis-server does not
# launch a redis on port 6379). Only created if none exists; removed on exit.
policy_rc=/usr/sbin/policy-rc.d
policy_rc_created=0

cleanup() {
    if [ "$policy_rc_created" = 1 ]; then
        policy_rc_created=0
        as_root rm -f "$policy_rc" || say "warning: could not remove $policy_rc"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

apt_updated=0

apt_install() {
    if [ "$apt_updated" = 0 ]; then
        say "running apt-get update"
        as_root env DEBIAN_FRONTEND=noninteractive apt-get update >&2 ||
            die "apt-get update failed"
        apt_updated=1
    fi
    if [ ! -e "$policy_rc" ] && [ -d "${policy_rc%/*}" ]; then
        # shellcheck disable=SC2016 # $1 is expanded by the inner shell
        as_root sh -c 'printf "#!/bin/sh\nexit 101\n" >"$1" && chmod 755 "$1"' sh "$policy_rc"
        policy_rc_created=1
    fi
    say "running apt-get install $*"
    as_root env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y --no-install-recommends "$@" >&2 ||
        die "apt-get install $* failed"
    cleanup
}

brew_install() {
    say "running brew install $*"
    brew install "$@" >&2 || die "brew install $* failed"
}

# Which package manager may we use for missing tools: apt, brew or none.
if [ "$use_system_packages" = 0 ]; then
    pkg_manager=none
elif have apt-get; then
    pkg_manager=apt
elif [ "$(uname -s)" = Darwin ] && have brew; then
    pkg_manager=brew
else
    pkg_manager=none
fi

# ---------------------------------------------------------------------------
# (a) redis-server

if have redis-server; then
    say "found redis-server: $(command -v redis-server)"
else
    say "redis-server not found on PATH"
    if [ "$pkg_manager" = none ]; then
        [ "$use_system_packages" = 1 ] || say "not installing it (--no-system-packages)"
        say "please install Redis (redis-server) and re-run, e.g.:"
        say "  Debian/Ubuntu: sudo apt-get install redis-server"
        say "  macOS:         brew install redis"
        say "  Fedora:        sudo dnf install redis"
        say "  Arch:          sudo pacman -S redis"
        say "  other:         https://redis.io/docs/latest/operate/oss_and_stack/install/"
        exit 1
    fi
    case $pkg_manager in
        apt) apt_install redis-server ;;
        brew) brew_install redis ;;
    esac
    have redis-server || die "redis-server still not on PATH after installing it"
    say "installed redis-server: $(command -v redis-server)"
    if [ "$pkg_manager" = apt ]; then
        say "note: install.sh starts no redis service; if the package enabled one you do not want:"
        say "  systemctl disable --now redis-server"
    fi
fi

# ---------------------------------------------------------------------------
# (a2) a browser for crawl --render: Debian's chromium, or Chrome on macOS

have_browser() {
    have chromium || have chromium-browser || have google-chrome ||
        [ -x "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome" ]
}

if [ "$browser" = 1 ] && [ "$dev" = 0 ]; then
    if have_browser; then
        say "found a browser for crawl --render"
    elif [ "$pkg_manager" = apt ]; then
        apt_install chromium
        have chromium || die "chromium still not on PATH after installing it"
        say "installed chromium: $(command -v chromium)"
    else
        say "note: crawl --render needs Chromium or Chrome on PATH (or --browser PATH):"
        say "  Debian/Ubuntu: sudo apt-get install chromium"
        say "  macOS:         install Google Chrome, or brew install --cask chromium"
    fi
fi

# ---------------------------------------------------------------------------
# (dev) node and npm

if [ "$dev" = 1 ]; then
    apt_pkgs=
    have node || apt_pkgs=nodejs
    have npm || apt_pkgs="${apt_pkgs:+$apt_pkgs }npm"
    # The tests also drive redis-cli and make TLS certificates with openssl.
    have redis-cli || apt_pkgs="${apt_pkgs:+$apt_pkgs }redis-tools"
    have openssl || apt_pkgs="${apt_pkgs:+$apt_pkgs }openssl"
    # Local test sites and the first run use python3; the network-guard tests
    # build private network namespaces with unshare (util-linux) and ip (iproute2).
    have python3 || apt_pkgs="${apt_pkgs:+$apt_pkgs }python3"
    if [ "$pkg_manager" = apt ]; then
        have unshare || apt_pkgs="${apt_pkgs:+$apt_pkgs }util-linux"
        have ip || apt_pkgs="${apt_pkgs:+$apt_pkgs }iproute2"
    fi
    # The dashboard and rendering tests drive Debian's chromium headless; the
    # extraction test reads a page of the Python documentation (python3-doc); the
    # metrics test parses Prometheus text with the Prometheus project's Python
    # client, run by Debian's /usr/bin/python3.
    if [ "$pkg_manager" = apt ]; then
        have chromium || apt_pkgs="${apt_pkgs:+$apt_pkgs }chromium"
        [ -f /usr/share/doc/python3-doc/html/library/json.html ] ||
            apt_pkgs="${apt_pkgs:+$apt_pkgs }python3-doc"
        /usr/bin/python3 -c 'import prometheus_client' 2>/dev/null ||
            apt_pkgs="${apt_pkgs:+$apt_pkgs }python3-prometheus-client"
    fi
    if [ -n "$apt_pkgs" ]; then
        say "missing for --dev: $apt_pkgs"
        if [ "$pkg_manager" = none ]; then
            [ "$use_system_packages" = 1 ] || say "not installing them (--no-system-packages)"
            say "please install them and re-run, e.g.:"
            say "  Debian/Ubuntu: sudo apt-get install $apt_pkgs"
            say "  macOS:         brew install node"
            say "  other:         https://nodejs.org/en/download"
            exit 1
        fi
        # shellcheck disable=SC2086 # split the package list on purpose
        case $pkg_manager in
            apt) apt_install $apt_pkgs ;;
            brew) have node || brew_install node ;;
        esac
        have node || die "node still not on PATH after installing it"
        have npm || die "npm still not on PATH after installing it"
    fi
    have openssl || die "openssl still not on PATH after installing it"
    if [ "$pkg_manager" = apt ]; then
        have chromium || die "chromium still not on PATH after installing it"
    elif ! have chromium; then
        say "note: the dashboard test needs chromium on PATH (Debian/Ubuntu: apt-get install chromium)"
    fi
    say "found node $(node --version) and npm $(npm --version)"
fi

# ---------------------------------------------------------------------------
# (b) cargo

if ! have cargo; then
    # rustup installs into ~/.cargo/bin, which a fresh shell may not have on PATH yet.
    cargo_bin=${CARGO_HOME:-${HOME:-/nonexistent}/.cargo}/bin
    if [ -x "$cargo_bin/cargo" ]; then
        PATH=$cargo_bin:$PATH
        export PATH
    fi
fi
if ! have cargo; then
    say "cargo not found; install Rust via rustup and re-run:"
    say "  curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh"
    say "  (see https://rustup.rs), then open a new shell or: . \"\$HOME/.cargo/env\""
    exit 1
fi
say "found $(cargo --version)"

# ---------------------------------------------------------------------------
# (c) build

cd "$repo_dir"
say "building: cargo build --release --locked (in $repo_dir)"
cargo build --release --locked >&2

target_dir=${CARGO_TARGET_DIR:-target}
case $target_dir in
    /*) ;;
    *) target_dir=$repo_dir/$target_dir ;;
esac
built_bin=$target_dir/release/queuectl
[ -f "$built_bin" ] || die "build succeeded but $built_bin does not exist"

# (dev) interop test dependencies
if [ "$dev" = 1 ]; then
    interop=$repo_dir/tests/interop
    if [ -f "$interop/package-lock.json" ]; then
        if [ ! -d "$interop/node_modules" ] ||
            [ -n "$(find "$interop/package-lock.json" -prune -newer "$interop/node_modules")" ]; then
            say "installing interop test dependencies: npm ci (in $interop)"
            (cd "$interop" && npm ci --no-audit --no-fund >&2)
        else
            say "interop test dependencies are up to date ($interop/node_modules)"
        fi
    else
        say "note: no tests/interop/package-lock.json; skipping npm ci"
    fi
fi

# ---------------------------------------------------------------------------
# (d) install

# Now that the prefix exists, spell it canonically (no "..", symlinks resolved).
install -d "$prefix"
prefix=$(CDPATH='' cd -- "$prefix" && pwd -P)
set_dirs

install -d "$bin_dir"
install -m 755 "$built_bin" "$bin_dir/queuectl"
say "installed $bin_dir/queuectl"

installed_man=0
for page in "$repo_dir"/man/*.1; do
    [ -f "$page" ] || continue
    if [ "$installed_man" = 0 ]; then
        install -d "$man_dir"
    fi
    install -m 644 "$page" "$man_dir/${page##*/}"
    installed_man=$((installed_man + 1))
done
if [ "$installed_man" -gt 0 ]; then
    say "installed $installed_man man page(s) to $man_dir"
else
    say "note: no man pages in $repo_dir/man/*.1; skipping man pages"
fi

installed_completions=

# install_completion SRC-NAME DEST-DIR DEST-NAME SHELL
install_completion() {
    src=$repo_dir/completions/$1
    if [ -f "$src" ]; then
        install -d "$2"
        install -m 644 "$src" "$2/$3"
        installed_completions="${installed_completions:+$installed_completions }$2/$3"
        say "installed $4 completion to $2/$3"
    else
        say "note: completions/$1 not found; skipping $4 completion"
    fi
}

install_completion queuectl.bash "$bash_dir" queuectl bash
install_completion _queuectl "$zsh_dir" _queuectl zsh
install_completion queuectl.fish "$fish_dir" queuectl.fish fish

# ---------------------------------------------------------------------------
# (e) summary

version=$("$bin_dir/queuectl" --version 2>/dev/null) || version=queuectl
say "done: ${version:-queuectl} installed under $prefix"
say "  binary:      $bin_dir/queuectl"
if [ "$installed_man" -gt 0 ]; then
    say "  man pages:   $man_dir"
else
    say "  man pages:   (none)"
fi
if [ -n "$installed_completions" ]; then
    for f in $installed_completions; do
        say "  completion:  $f"
    done
else
    say "  completions: (none)"
fi
case ":${PATH}:" in
    *":$bin_dir:"* | *":$bin_dir/:"*) ;;
    *)
        say "$bin_dir is not on your PATH; add it with:"
        say "  export PATH=\"$bin_dir:\$PATH\"   (e.g. in ~/.profile)"
        ;;
esac

# ---------------------------------------------------------------------------
# (f) first run: queuectl's main job end to end on this machine alone

if [ "$first_run" = 1 ]; then
    if have python3; then
        say "first run: sh examples/first-run.sh (skip with --no-first-run)"
        sh "$repo_dir/examples/first-run.sh" "$bin_dir/queuectl" ||
            die "the first run failed (see above)"
    else
        say "note: skipping the first run: python3 not found (./install.sh --dev installs it)"
    fi
fi
