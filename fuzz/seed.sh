#!/usr/bin/env bash
# Seed fuzz/corpus/<target>/ from the repository's fixtures and rules, plus the curated
# inputs kept in fuzz/regressions/<target>/. Safe to run again: files are copied under
# names derived from their paths, so nothing is duplicated. The corpus folders are not
# committed (see .gitignore); what is worth keeping goes to regressions/.
set -euo pipefail
fuzz="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$fuzz")"
cd "$root"

# copy TARGET FILE...: each file under a name made of its path.
copy() {
    local target="$1"
    shift
    mkdir -p "fuzz/corpus/$target"
    local f
    for f in "$@"; do
        [ -f "$f" ] || continue
        cp "$f" "fuzz/corpus/$target/${f//\//_}"
    done
}

shopt -s nullglob globstar
copy text fixtures/**/*.txt fixtures/**/*.md
copy docx fixtures/**/*.docx
copy annotate fixtures/docx/*.docx fixtures/corpus/*.docx
copy html fixtures/**/*.html
copy pack rules/*.yaml fixtures/**/*.yaml
copy config fixtures/**/*.toml

# The XML parts of every Word fixture, for xml_part (all three) and annotate (the
# main document, which annotate wraps in a minimal package).
python3 - "$root" <<'PY'
import pathlib, sys, zipfile
root = pathlib.Path(sys.argv[1])
out = root / "fuzz" / "corpus"
for docx in sorted(root.glob("fixtures/**/*.docx")):
    stem = str(docx.relative_to(root)).replace("/", "_")
    with zipfile.ZipFile(docx) as z:
        for part in ("word/document.xml", "word/styles.xml", "word/numbering.xml"):
            try:
                data = z.read(part)
            except KeyError:
                continue
            name = f"{stem}_{part.replace('/', '_')}"
            (out / "xml_part").mkdir(parents=True, exist_ok=True)
            (out / "xml_part" / name).write_bytes(data)
            if part == "word/document.xml":
                (out / "annotate").mkdir(parents=True, exist_ok=True)
                (out / "annotate" / name).write_bytes(data)
PY

for dir in fuzz/regressions/*/; do
    target="$(basename "$dir")"
    copy "$target" "$dir"*
done

for dir in fuzz/corpus/*/; do
    printf '%-10s %4d 个文件\n' "$(basename "$dir")" "$(find "$dir" -type f | wc -l)"
done
