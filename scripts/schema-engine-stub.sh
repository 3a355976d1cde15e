#!/bin/sh
# Stand-in for Prisma's native schema engine, which cannot be downloaded here; `prisma generate` only needs a file to exist.
echo "schema-engine is not available: migrations are made with tools/prisma-migrate and applied with dbmate" >&2
exit 1
