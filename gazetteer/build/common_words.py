#!/usr/bin/env python3
"""Derive gazetteer/common_words_ar.txt: everyday Arabic words that are no
name the gazetteer knows.

A word right after a cue word ("قاعدة بيانات", "من ناحية ثالثة", "معسكر
الاعتقال") is taken for an unknown place's name only when it is not an
everyday word; village names the gazetteer lacks are rare words. The list
holds the folded forms (as src/arabic/normalize.rs folds them) of the words
wordfreq rates at Zipf 4.0 or more (once per 100,000 words), without those
that are, or fold to, a gazetteer name.

Input: the wordfreq 3.1.1 wheel's data/large_ar.msgpack.gz (CC BY-SA 4.0,
Robyn Speer et al.) and the gazetteer's name files. Output: one word per
line, sorted, after a comment line. Stdlib only.

Usage: common_words.py --wordfreq DIR --gazetteer DIR --out FILE
"""
import sys

from wordfreq_names import arabic_bins, arguments, fold, gazetteer_keys

MIN_ZIPF = 4.0


def main():
    a = arguments(__doc__)
    bins = arabic_bins(a.wordfreq)
    names = gazetteer_keys(a.gazetteer)
    words = set()
    for centibels, bin_words in enumerate(bins):
        if 9.0 - centibels / 100.0 < MIN_ZIPF:
            break
        for w in bin_words:
            k = fold(w)
            arabic = k and all("\u0621" <= c <= "\u064a" for c in k)
            if arabic and len(k) >= 2 and k not in names:
                words.add(k)
    with open(a.out, "w", encoding="utf-8", newline="\n") as f:
        f.write("# everyday Arabic words (Zipf >= 4) that are no gazetteer name — derived from wordfreq 3.1.1 (CC BY-SA 4.0); see gazetteer/SOURCES.md\n")
        for w in sorted(words):
            f.write(w + "\n")
    print(f"{len(words)} words written to {a.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
