# Sourced by scripts/bootstrap.sh (needs $VENV). With a display, Qt opens its window through a platform
# plugin (libqxcb.so on X11) that needs more system libraries than Qt offscreen: libxcb-icccm4,
# libxcb-keysyms1, libxcb-cursor0 and friends; without them the first start aborts (exit 134).
# jet_desktop/platform_check.py reads the plugin's `ldd` and names the Debian packages: as root with apt-get
# they are installed, otherwise the check names them exactly and the start stops here.
if [ "$(uname)" = Linux ] && [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
    QT_PAKKETTEN="$("$VENV/bin/python" -m jet_desktop.platform_check --pakketten)"
    if [ -n "$QT_PAKKETTEN" ]; then
        if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
            echo "==> systeembibliotheken voor Qt-vensters installeren: $QT_PAKKETTEN" >&2
            # a fresh machine may have empty package lists: update once and try again
            apt-get install -y -q $QT_PAKKETTEN >/dev/null 2>&1 \
                || { apt-get update -q >/dev/null && apt-get install -y -q $QT_PAKKETTEN >/dev/null; } || true
        fi
        "$VENV/bin/python" -m jet_desktop.platform_check || exit 1  # still missing: named exactly, in Dutch
    fi
fi
