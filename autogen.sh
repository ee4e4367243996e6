#!/bin/sh
# Dateline: generate configure and Makefile.in from a git checkout.
# Copyright (C) 2026 the Dateline developers.
# SPDX-License-Identifier: GPL-2.0-or-later
set -e
cd "$(dirname "$0")"
autoreconf --install --force --warnings=all,no-portability >/dev/null
