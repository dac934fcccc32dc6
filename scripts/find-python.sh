#!/usr/bin/env bash
# Print the path of a Python >= 3.12 interpreter, or explain and fail.
# pyenv shims for an uninstalled version exist but fail to run, so each candidate is
# run, not just looked up.
set -u
candidates=(python3.13 python3.12 python3)
for dir in "$HOME"/.pyenv/versions/3.1[2-9]*/bin /usr/local/bin /usr/bin; do
  [ -x "$dir/python3" ] && candidates+=("$dir/python3")
done
for py in "${candidates[@]}"; do
  if "$py" -c 'import sys, venv; sys.exit(0 if sys.version_info >= (3, 12) else 1)' >/dev/null 2>&1; then
    "$py" -c 'import sys; print(sys.executable)'
    exit 0
  fi
done
echo "Thanrak needs Python 3.12 or newer (Django 6), and none was found." >&2
echo "Install one, e.g.: apt-get install python3.12 python3.12-venv  (or pyenv install 3.12)" >&2
exit 1
