#!/usr/bin/env python3
"""Validate the newsmark default dictionary files in this directory.

Usage:  python3 data/check_data.py [DATA_DIR]

Standard library only. Exit status 0 when the data is clean, 1 when errors
were found. Warnings (printed with "warning:") do not fail the run.
"""
import json
import os
import re
import sys
from collections import defaultdict

FILES = ["categories.json", "countries.json", "people.json",
         "organizations.json", "topics.json"]

ID_RE = re.compile(r"^[a-z0-9][a-z0-9_.:-]*$")
COLOR_RE = re.compile(r"^#[0-9a-fA-F]{6}$")
KINDS = {"actor", "topic"}
CASES = {"sensitive", "insensitive"}

# ISO 3166-1 alpha-3 (all 249 assigned codes, as shipped by pycountry) plus
# the user-assigned code XKX commonly used for Kosovo.
ISO_ALPHA3 = set("""
ABW AFG AGO AIA ALA ALB AND ARE ARG ARM ASM ATA ATF ATG AUS AUT AZE BDI BEL BEN BES BFA BGD BGR
BHR BHS BIH BLM BLR BLZ BMU BOL BRA BRB BRN BTN BVT BWA CAF CAN CCK CHE CHL CHN CIV CMR COD COG
COK COL COM CPV CRI CUB CUW CXR CYM CYP CZE DEU DJI DMA DNK DOM DZA ECU EGY ERI ESH ESP EST ETH
FIN FJI FLK FRA FRO FSM GAB GBR GEO GGY GHA GIB GIN GLP GMB GNB GNQ GRC GRD GRL GTM GUF GUM GUY
HKG HMD HND HRV HTI HUN IDN IMN IND IOT IRL IRN IRQ ISL ISR ITA JAM JEY JOR JPN KAZ KEN KGZ KHM
KIR KNA KOR KWT LAO LBN LBR LBY LCA LIE LKA LSO LTU LUX LVA MAC MAF MAR MCO MDA MDG MDV MEX MHL
MKD MLI MLT MMR MNE MNG MNP MOZ MRT MSR MTQ MUS MWI MYS MYT NAM NCL NER NFK NGA NIC NIU NLD NOR
NPL NRU NZL OMN PAK PAN PCN PER PHL PLW PNG POL PRI PRK PRT PRY PSE PYF QAT REU ROU RUS RWA SAU
SDN SEN SGP SGS SHN SJM SLB SLE SLV SMR SOM SPM SRB SSD STP SUR SVK SVN SWE SWZ SXM SYC SYR TCA
TCD TGO THA TJK TKL TKM TLS TON TTO TUN TUR TUV TWN TZA UGA UKR UMI URY USA UZB VAT VCT VEN VGB
VIR VNM VUT WLF WSM YEM ZAF ZMB ZWE XKX
""".split())

# The 193 UN member states; countries.json must cover them plus the two
# observer states (VAT, PSE), Taiwan and Kosovo.
UN_MEMBERS = set("""
AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN BOL BIH BWA BRA
BRN BGR BFA BDI CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG CRI CIV HRV CUB CYP CZE PRK COD DNK
DJI DMA DOM ECU EGY SLV GNQ ERI EST SWZ ETH FJI FIN FRA GAB GMB GEO DEU GHA GRC GRD GTM GIN GNB
GUY HTI HND HUN ISL IND IDN IRN IRQ IRL ISR ITA JAM JPN JOR KAZ KEN KIR KWT KGZ LAO LVA LBN LSO
LBR LBY LIE LTU LUX MDG MWI MYS MDV MLI MLT MHL MRT MUS MEX FSM MCO MNG MNE MAR MOZ MMR NAM NRU
NPL NLD NZL NIC NER NGA MKD NOR OMN PAK PLW PAN PNG PRY PER PHL POL PRT QAT KOR MDA ROU RUS RWA
KNA LCA VCT WSM SMR STP SAU SEN SRB SYC SLE SGP SVK SVN SLB SOM ZAF SSD ESP LKA SDN SUR SWE CHE
SYR TJK THA TLS TGO TON TTO TUN TUR TKM TUV UGA UKR ARE GBR TZA USA URY UZB VUT VEN VNM YEM ZMB
ZWE
""".split())
EXTRA_COUNTRIES = {"VAT", "PSE", "TWN", "XKX"}

# Aliases deliberately claimed by more than one entry (normalised lower-case
# text -> set of entry ids). Keep in sync with README.md. Currently none.
ALLOWED_SHARED = {}

# Mirrors newsmark's own "risky short alias" warning (src/dictionary/mod.rs):
# case-insensitive aliases of one or two characters or equal to these words.
COMMON_WORDS = set("""
us is it in on or as at an am be by do go he if me my no of so to up we who may can will chad
turkey china japan polish guinea jordan male nice mali
""".split())

DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2212"
APOSTROPHES = "\u2019\u2018\u02bc"

errors = []
warnings = []


def err(msg):
    errors.append(msg)


def warn(msg):
    warnings.append(msg)


def normalize(text, case_sensitive):
    """Mirror the matcher's equivalences: dashes == spaces, curly == straight
    apostrophes, runs of whitespace collapse; lower-case unless sensitive."""
    for d in DASHES:
        text = text.replace(d, " ")
    for a in APOSTROPHES:
        text = text.replace(a, "'")
    text = " ".join(text.split())
    return text if case_sensitive else text.lower()


def contains_words(haystack, needle):
    """Whole-word containment on normalised strings."""
    pat = r"(?<!\w)" + re.escape(needle) + r"(?!\w)"
    return re.search(pat, haystack) is not None


def load(path):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except FileNotFoundError:
        err(f"{path}: missing")
    except json.JSONDecodeError as e:
        err(f"{path}: invalid JSON: {e}")
    return None


def main():
    data_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    docs = {}
    for name in FILES:
        doc = load(os.path.join(data_dir, name))
        if doc is None:
            continue
        if not isinstance(doc, dict):
            err(f"{name}: top level must be an object")
            continue
        for key in ("name", "version", "categories", "entries"):
            if key not in doc:
                err(f"{name}: missing top-level key {key!r}")
        if not isinstance(doc.get("categories", {}), dict):
            err(f"{name}: 'categories' must be an object")
        if not isinstance(doc.get("entries", []), list):
            err(f"{name}: 'entries' must be a list")
        docs[name] = doc

    # ---- categories
    categories = {}
    cat_doc = docs.get("categories.json")
    if cat_doc:
        categories = cat_doc.get("categories", {}) or {}
        if not categories:
            err("categories.json: no categories defined")
        for cid, c in categories.items():
            if not ID_RE.match(cid):
                err(f"categories.json: bad category id {cid!r}")
            if not isinstance(c, dict):
                err(f"categories.json: category {cid!r} must be an object")
                continue
            if not c.get("label"):
                err(f"categories.json: category {cid!r} has no label")
            if c.get("kind") not in KINDS:
                err(f"categories.json: category {cid!r} has bad kind {c.get('kind')!r}")
            if "color" in c and not COLOR_RE.match(str(c["color"])):
                err(f"categories.json: category {cid!r} has bad color {c['color']!r}")
    for name, doc in docs.items():
        if name != "categories.json" and doc.get("categories"):
            err(f"{name}: categories must only be defined in categories.json")

    # ---- entries
    seen_ids = {}
    # normalised lower-case key -> list of (entry id, alias text, case_sensitive, normalised text)
    alias_index = defaultdict(list)
    per_file = {}
    total_entries = total_aliases = 0
    country_entries = set()

    for name in FILES:
        doc = docs.get(name)
        if not doc:
            continue
        n_entries = n_aliases = 0
        for i, e in enumerate(doc.get("entries", []) or []):
            where = f"{name}: entry #{i}"
            if not isinstance(e, dict):
                err(f"{where}: must be an object")
                continue
            eid = e.get("id")
            if isinstance(eid, str):
                where = f"{name}: {eid}"
            for key in ("id", "label", "kind", "category", "aliases"):
                if key not in e or e[key] in (None, "", []):
                    err(f"{where}: missing or empty {key!r}")
            known = {"id", "label", "kind", "category", "country", "aliases", "exclude"}
            for key in e:
                if key not in known:
                    warn(f"{where}: unknown key {key!r}")
            if isinstance(eid, str):
                if not ID_RE.match(eid):
                    err(f"{where}: id does not match {ID_RE.pattern}")
                if eid in seen_ids:
                    err(f"{where}: duplicate id (also in {seen_ids[eid]})")
                seen_ids[eid] = name
            kind = e.get("kind")
            if kind not in KINDS:
                err(f"{where}: bad kind {kind!r}")
            cat = e.get("category")
            if cat not in categories:
                err(f"{where}: unknown category {cat!r}")
            elif categories[cat].get("kind") != kind:
                err(f"{where}: kind {kind!r} differs from category {cat!r} kind "
                    f"{categories[cat].get('kind')!r}")
            country = e.get("country")
            if country is not None:
                if country not in ISO_ALPHA3:
                    err(f"{where}: country {country!r} is not an ISO 3166-1 alpha-3 code")
                if kind == "topic":
                    err(f"{where}: topics must not have a country")
            if cat == "country":
                if not country:
                    err(f"{where}: country entries need a country code")
                else:
                    country_entries.add(country)
                    if eid != str(country).lower():
                        err(f"{where}: country entry id should be {str(country).lower()!r}")

            # aliases
            aliases = e.get("aliases") or []
            if not isinstance(aliases, list):
                err(f"{where}: aliases must be a list")
                aliases = []
            norm_aliases = []  # (normalised-lower, original, cs)
            seen_in_entry = {}
            for a in aliases:
                if isinstance(a, str):
                    text, cs = a, False
                elif isinstance(a, dict):
                    text = a.get("text")
                    case = a.get("case", "insensitive")
                    if case not in CASES:
                        err(f"{where}: alias {a!r} has bad case {case!r}")
                    cs = case == "sensitive"
                    extra = set(a) - {"text", "case"}
                    if extra:
                        warn(f"{where}: alias {a!r} has unknown keys {sorted(extra)}")
                else:
                    err(f"{where}: alias {a!r} must be a string or an object")
                    continue
                if not isinstance(text, str) or not text.strip():
                    err(f"{where}: empty alias {a!r}")
                    continue
                if text != text.strip():
                    err(f"{where}: alias {text!r} has leading/trailing whitespace")
                if re.search(r"\w['\u2019]s$", text):
                    warn(f"{where}: alias {text!r} ends in a possessive; the matcher already handles 's")
                n_aliases += 1
                key = normalize(text, False)
                if not cs and (len(key) <= 2 or key in COMMON_WORDS):
                    err(f"{where}: alias {text!r} is short or a common word; make it case-sensitive")
                exact = normalize(text, cs)
                dup_key = (exact, cs)
                if dup_key in seen_in_entry:
                    err(f"{where}: alias {text!r} duplicates {seen_in_entry[dup_key]!r} "
                        f"(dash/space/apostrophe/case variants are matched anyway)")
                else:
                    seen_in_entry[dup_key] = text
                alias_index[key].append((eid, text, cs, exact))
                norm_aliases.append((key, text, cs))
            # redundant sensitive alias next to an insensitive one with the same text
            ins = {k for k, _, cs in norm_aliases if not cs}
            for k, t, cs in norm_aliases:
                if cs and k in ins:
                    err(f"{where}: case-sensitive alias {t!r} is redundant with an insensitive alias")

            # excludes
            excl = e.get("exclude", [])
            if excl is None:
                excl = []
            if not isinstance(excl, list):
                err(f"{where}: exclude must be a list")
                excl = []
            seen_ex = set()
            for x in excl:
                if not isinstance(x, str) or not x.strip():
                    err(f"{where}: empty or non-string exclude {x!r}")
                    continue
                nx = normalize(x, False)
                if nx in seen_ex:
                    err(f"{where}: duplicate exclude {x!r}")
                seen_ex.add(nx)
                if nx in {k for k, _, _ in norm_aliases}:
                    err(f"{where}: exclude {x!r} equals one of the entry's aliases")
                if not any(contains_words(nx, k) for k, _, _ in norm_aliases):
                    warn(f"{where}: exclude {x!r} contains none of the entry's aliases (no effect)")
            n_entries += 1
        per_file[name] = (n_entries, n_aliases)
        total_entries += n_entries
        total_aliases += n_aliases

    # ---- country coverage
    if "countries.json" in docs:
        missing = (UN_MEMBERS | EXTRA_COUNTRIES) - country_entries
        if missing:
            err(f"countries.json: missing countries {sorted(missing)}")

    # ---- aliases claimed by two entries
    shared = []
    for key, claims in sorted(alias_index.items()):
        ids = {c[0] for c in claims}
        if len(ids) < 2:
            continue
        clash = False
        for a in claims:
            for b in claims:
                if a[0] == b[0]:
                    continue
                # an insensitive alias collides with anything of the same
                # lower-cased text; two sensitive ones only when identical
                if not a[2] or not b[2] or a[3] == b[3]:
                    clash = True
        if not clash:
            continue
        if ALLOWED_SHARED.get(key) == ids:
            shared.append((key, ids))
            continue
        err("alias claimed by several entries: " +
            ", ".join(f"{eid}:{text!r}{' (case-sensitive)' if cs else ''}"
                      for eid, text, cs, _ in claims))

    # ---- report
    for w in warnings:
        print(f"warning: {w}")
    for e in errors:
        print(f"error: {e}")
    print()
    for name in FILES:
        if name in per_file:
            n_e, n_a = per_file[name]
            print(f"{name:20s} {n_e:5d} entries {n_a:6d} aliases")
    print(f"{'total':20s} {total_entries:5d} entries {total_aliases:6d} aliases")
    if shared:
        print(f"deliberately shared aliases: {len(shared)}")
    print(f"{len(errors)} error(s), {len(warnings)} warning(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
