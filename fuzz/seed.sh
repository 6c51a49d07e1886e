#!/bin/sh
# Fills fuzz/corpus/<target>/ with small files from the project's own fixtures
# (tests/fixtures, tests/compat/cases, collections, environments) and the
# hand-written seeds in fuzz/seeds/. Run from the repository root.
set -eu
small() { find "$@" -type f -size -16k 2>/dev/null; }
put() { # target file [prefix byte]
    mkdir -p "fuzz/corpus/$1"
    name=$(printf '%s' "$2" | cksum | cut -d' ' -f1)
    if [ -n "${3:-}" ]; then
        { printf "$3"; cat "$2"; } > "fuzz/corpus/$1/$name"
    else
        cp "$2" "fuzz/corpus/$1/$name"
    fi
}
for f in $(small tests/fixtures tests/compat/cases collections -name '*collection*.json'); do
    put collection "$f"
    put script_convert "$f"
done
for f in $(small tests/fixtures tests/compat/cases environments -name '*environment*.json' -o -name '*globals*.json'); do
    put variable_file "$f" '\000'
    put variable_file "$f" '\001'
done
for f in $(small tests/compat/cases -name '*.csv'); do put data_file "$f" '\000'; done
for f in $(small tests/compat/cases -name 'data*.json'); do put data_file "$f" '\001'; done
for t in fuzz/seeds/*/; do
    t=$(basename "$t")
    for f in fuzz/seeds/"$t"/*; do put "$t" "$f"; done
done
