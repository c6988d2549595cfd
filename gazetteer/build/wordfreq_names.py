#!/usr/bin/env python3
"""Derive gazetteer/wordfreq_ar.tsv: how common, as ordinary Arabic words,
the written forms that can be read as gazetteer names are.

Many place names are also everyday words once hamza and taa marbuta are
folded ("عنه" about him / عنة Anah, "حديثه" his talk / حديثة Haditha), or
hide inside a word behind a proclitic ("كبيرين" = ك + بيرين). hudud asks a
cue word or a stated container before it believes such a reading; this file
tells it which forms are common and how common (Zipf scale: 6 = once per
thousand words, 3 = once per million).

Input: the wordfreq 3.1.1 wheel's data/large_ar.msgpack.gz (CC BY-SA 4.0,
Robyn Speer et al.), plus the names and variants (name_ar, alt_ar) of
gazetteer/places.tsv, curated.tsv, levant.tsv and admin_units.tsv.
Output rows: a word with diacritics and tatweel removed (as wordfreq writes
it), a tab, its Zipf frequency with two decimals. Only words that are, or
become after removing proclitics, a gazetteer name are kept. Stdlib only.

Usage: wordfreq_names.py --wordfreq DIR --gazetteer DIR --out FILE
"""
import argparse
import csv
import gzip
import struct
import sys

PROCLITICS = ["و", "ف", "ب", "ل", "ك", "وب", "فب", "ول", "فل", "وك", "فك", "لب"]
MIN_ZIPF = 2.0


def fold_char(c):
    """The same folding as src/arabic/normalize.rs (fold_char)."""
    o = ord(c)
    if 0x0610 <= o <= 0x061A or 0x064B <= o <= 0x065F or o == 0x0670:
        return ""
    if 0x06D6 <= o <= 0x06ED or o == 0x0640:
        return ""
    if 0x200B <= o <= 0x200F or o in (0x061C, 0xFEFF) or 0x202A <= o <= 0x202E:
        return ""
    table = {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "\u0672": "ا", "\u0673": "ا", "ة": "ه",
             "ى": "ي", "ئ": "ي", "ی": "ي", "ې": "ي", "ێ": "ي", "ؤ": "و", "ۆ": "و", "ۇ": "و",
             "ۈ": "و", "ک": "ك", "گ": "ك", "ھ": "ه", "ە": "ه", "ہ": "ه", "ڕ": "ر", "ڵ": "ل"}
    if c in table:
        return table[c]
    if 0x0660 <= o <= 0x0669:
        return chr(ord("0") + o - 0x0660)
    if 0x06F0 <= o <= 0x06F9:
        return chr(ord("0") + o - 0x06F0)
    return c.lower() if c.isascii() else c


def fold(s):
    return " ".join("".join(fold_char(c) for c in s).split())


def readings(word):
    """The word and its proclitic-stripped readings (ل + ال = لل restored)."""
    out = [word]
    for lead in ("", "و", "ف"):
        if word.startswith(lead + "لل") and len(word) - len(lead) - 2 >= 2:
            out.append("ال" + word[len(lead) + 2:])
    for p in sorted(PROCLITICS, key=len, reverse=True):
        if word.startswith(p) and len(word) - len(p) >= 2:
            out.append(word[len(p):])
    return out


class MsgpackReader:
    """Just enough msgpack for wordfreq's cBpack files."""

    def __init__(self, data):
        self.data, self.pos = data, 0

    def take(self, n):
        chunk = self.data[self.pos:self.pos + n]
        self.pos += n
        return chunk

    def unpack(self):
        b = self.take(1)[0]
        if b <= 0x7F:
            return b
        if 0x80 <= b <= 0x8F:
            return {self.unpack(): self.unpack() for _ in range(b & 0x0F)}
        if 0x90 <= b <= 0x9F:
            return [self.unpack() for _ in range(b & 0x0F)]
        if 0xA0 <= b <= 0xBF:
            return self.take(b & 0x1F).decode("utf-8")
        fixed = {0xCC: ">B", 0xCD: ">H", 0xCE: ">I", 0xCF: ">Q", 0xD0: ">b", 0xD1: ">h",
                 0xD2: ">i", 0xD3: ">q", 0xCA: ">f", 0xCB: ">d"}
        if b in fixed:
            fmt = fixed[b]
            return struct.unpack(fmt, self.take(struct.calcsize(fmt)))[0]
        if b in (0xD9, 0xDA, 0xDB):
            n = struct.unpack({0xD9: ">B", 0xDA: ">H", 0xDB: ">I"}[b], self.take({0xD9: 1, 0xDA: 2, 0xDB: 4}[b]))[0]
            return self.take(n).decode("utf-8")
        if b in (0xDC, 0xDD):
            n = struct.unpack(">H" if b == 0xDC else ">I", self.take(2 if b == 0xDC else 4))[0]
            return [self.unpack() for _ in range(n)]
        if b in (0xDE, 0xDF):
            n = struct.unpack(">H" if b == 0xDE else ">I", self.take(2 if b == 0xDE else 4))[0]
            return {self.unpack(): self.unpack() for _ in range(n)}
        if b == 0xC0:
            return None
        if b in (0xC2, 0xC3):
            return b == 0xC3
        if b >= 0xE0:
            return b - 0x100
        raise ValueError(f"unsupported msgpack byte 0x{b:02x} at {self.pos - 1}")


def gazetteer_keys(gazetteer_dir):
    """Folded single-word Arabic names of the built-in gazetteer."""
    keys = set()
    for name in ("places.tsv", "curated.tsv", "levant.tsv", "admin_units.tsv"):
        with open(f"{gazetteer_dir}/{name}", encoding="utf-8", newline="") as f:
            lines = [line for line in f if not line.startswith("#")]
            for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
                for n in [row["name_ar"]] + row["alt_ar"].split("|"):
                    k = fold(n)
                    if k and " " not in k and len(k) >= 3:
                        keys.add(k)
    return keys


def arguments(doc):
    """The command line both wordfreq builders take."""
    ap = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--wordfreq", required=True, help="unpacked wordfreq wheel")
    ap.add_argument("--gazetteer", required=True, help="the gazetteer/ folder")
    ap.add_argument("--out", required=True)
    return ap.parse_args()


def arabic_bins(wordfreq_dir):
    """wordfreq's Arabic words by frequency bin: bin i holds Zipf 9 - i/100."""
    with gzip.open(f"{wordfreq_dir}/wordfreq/data/large_ar.msgpack.gz", "rb") as f:
        pack = MsgpackReader(f.read()).unpack()
    header, bins = pack[0], pack[1:]
    if header.get("format") != "cB":
        sys.exit(f"unexpected wordfreq header {header}")
    return bins


def main():
    a = arguments(__doc__)
    bins = arabic_bins(a.wordfreq)
    keys = gazetteer_keys(a.gazetteer)
    best = {}
    for centibels, words in enumerate(bins):
        zipf = 9.0 - centibels / 100.0
        if zipf < MIN_ZIPF:
            break
        for w in words:
            if any(fold(r) in keys for r in readings(fold(w))) and w not in best:
                best[w] = zipf
    with open(a.out, "w", encoding="utf-8", newline="\n") as f:
        f.write("# word\tzipf — derived from wordfreq 3.1.1 (CC BY-SA 4.0); see gazetteer/SOURCES.md\n")
        for w in sorted(best):
            if "\t" not in w and "\n" not in w:
                f.write(f"{w}\t{best[w]:.2f}\n")
    print(f"{len(best)} words written to {a.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
