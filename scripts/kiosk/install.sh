#!/usr/bin/env bash
# Installs till as a kiosk on a Raspberry Pi (Raspberry Pi OS / Debian trixie, Node 20 or 22):
# a system user, the app in /opt/till, the data folder in /var/lib/till, device permissions, and a
# systemd service that runs the register on tty1 instead of a login prompt.
#
#   sudo scripts/kiosk/install.sh --config my-shop.json [--products products.csv]
#   sudo scripts/kiosk/install.sh --dry-run ...      (print every step, change nothing)
set -euo pipefail

APP_DIR=/opt/till
DATA_DIR=/var/lib/till
USER_NAME=till
CONFIG=""
PRODUCTS=""
DRY=0
SRC_DIR=$(cd "$(dirname "$0")/../.." && pwd)

usage() { sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; }
while [ $# -gt 0 ]; do
  case "$1" in
    --config) CONFIG=${2:?--config needs a file}; shift 2 ;;
    --products) PRODUCTS=${2:?--products needs a file}; shift 2 ;;
    --app-dir) APP_DIR=${2:?}; shift 2 ;;
    --data-dir) DATA_DIR=${2:?}; shift 2 ;;
    --user) USER_NAME=${2:?}; shift 2 ;;
    --dry-run) DRY=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown option: $1" >&2; usage >&2; exit 2 ;;
  esac
done

run() { if [ "$DRY" = 1 ]; then printf '+ %s\n' "$*"; else "$@"; fi; }
# Store commands run as root on the files given, then the data folder is handed to the till user.
till_cmd() { run env TILL_DATA="$DATA_DIR" node "$APP_DIR/bin/till.js" "$@"; }

if [ "$DRY" = 0 ] && [ "$(id -u)" != 0 ]; then echo "run as root (sudo)" >&2; exit 1; fi
node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$node_major" -lt 20 ]; then echo "Node.js 20.19 or newer is needed (apt install nodejs npm)" >&2; exit 1; fi
if [ -n "$CONFIG" ] && [ ! -f "$CONFIG" ]; then echo "no such config file: $CONFIG" >&2; exit 1; fi

# What the device drivers need (docs/hardware.md):
#   libusb-1.0-0, libudev1  node-hid's prebuilt binary (HID scanners; `till doctor` lists HID devices);
#   gpiod                   libgpiod's gpioset/gpioget/gpiodetect: the GPIO drawer on kernels without
#                           /sys/class/gpio (Debian trixie, Pi 5);
#   build-essential python3 node-gyp, to compile onoff's epoll addon (the GPIO drawer on sysfs) in npm ci;
#   console-setup           a console font with Cyrillic and Vietnamese letters (CJK: kmscon or fbterm, README).
run apt-get install -y --no-install-recommends libusb-1.0-0 libudev1 gpiod build-essential python3 console-setup

id "$USER_NAME" >/dev/null 2>&1 || run useradd --system --home-dir "$DATA_DIR" --shell /usr/sbin/nologin "$USER_NAME"
# The groups the udev rules give the devices to: lp (USB printer), plugdev (HID scanners: hidraw, and the
# USB device of a hid-keyboard scanner), gpio (drawer), input (keyboard event devices, for evtest),
# dialout (serial). Debian has no gpio group: created here.
for g in lp plugdev gpio input tty dialout; do
  getent group "$g" >/dev/null 2>&1 || run groupadd --system "$g"
  run usermod -aG "$g" "$USER_NAME"
done

# The register runs the production bundle (dist/, `npm run build`); it is built here in the source
# folder (esbuild is a development dependency) and copied with its sources, times kept (cp -a), so
# bin/till.js sees it up to date. The kiosk itself installs without development dependencies.
[ -d "$SRC_DIR/node_modules/esbuild" ] || run bash -c "cd '$SRC_DIR' && npm ci --no-audit --no-fund"
run bash -c "cd '$SRC_DIR' && npm run build"
run mkdir -p "$APP_DIR"
run rm -rf "$APP_DIR/dist"
run cp -a "$SRC_DIR/bin" "$SRC_DIR/src" "$SRC_DIR/machines" "$SRC_DIR/hardware" "$SRC_DIR/package.json" "$SRC_DIR/package-lock.json" "$SRC_DIR/dist" "$APP_DIR/"
run bash -c "cd '$APP_DIR' && npm ci --omit=dev --no-audit --no-fund"

run install -d -m 0700 -o "$USER_NAME" -g "$USER_NAME" "$DATA_DIR"
if [ -n "$CONFIG" ]; then
  if [ "$DRY" = 1 ] || [ ! -f "$DATA_DIR/store.json" ]; then
    till_cmd init --config "$CONFIG"
  else
    echo "A store already exists in $DATA_DIR: kept as it is."
  fi
fi
if [ -n "$PRODUCTS" ]; then till_cmd import "$PRODUCTS"; fi
run chown -R "$USER_NAME:$USER_NAME" "$DATA_DIR"

run install -m 0644 "$SRC_DIR/scripts/kiosk/99-till.rules" /etc/udev/rules.d/99-till.rules
run udevadm control --reload-rules
run udevadm trigger

unit=$(sed -e "s#@TILL_DIR@#$APP_DIR#g" -e "s#@DATA_DIR@#$DATA_DIR#g" -e "s#@USER@#$USER_NAME#g" "$SRC_DIR/scripts/kiosk/till.service")
if [ "$DRY" = 1 ]; then printf '+ write /etc/systemd/system/till.service:\n%s\n' "$unit"; else printf '%s\n' "$unit" > /etc/systemd/system/till.service; fi
run systemctl daemon-reload
run systemctl disable --now getty@tty1.service
run systemctl enable --now till.service

echo "till is installed. It runs on tty1; logs: journalctl -u till; stop: systemctl stop till."
# What the kiosk's user can reach now, device by device (exit code 1 = something to fix; the install stands).
echo "Checking the devices (till doctor):"
run env TILL_DATA="$DATA_DIR" node "$APP_DIR/bin/till.js" doctor --user "$USER_NAME" || echo "Fix the problems above, then run: till doctor --user $USER_NAME --data $DATA_DIR"
