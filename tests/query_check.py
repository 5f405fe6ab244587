#!/usr/bin/python3
"""query_check: runs SPARQL queries through diplograph (rasqal, over a
Redland store or over RDF files) and through a second engine (rdflib, over
the same N-Quads), and compares the results row for row.

usage: query_check.py --diplograph BIN --data FILE.nq [--data ...]
                      [--store STORE] [--require-rows] QUERY.rq...
       query_check.py --diplograph BIN --data FILE.nq [--data ...]
                      --store STORE --quads

STORE is a .sqlite file or TYPE:OPTIONS (hashes:dir=out,
postgresql:host=...,database=...). Without --store, diplograph queries the
--data files themselves. With --quads, the check is that the store holds
exactly the quads of the --data files, each in its graph, none twice. The
default graph is the union of all graphs in both engines; queries must not
depend on how often a triple repeats across graphs (see docs/queries.md).
Rows are compared in order (every shipped query has an ORDER BY that fixes
it); terms are compared by kind, lexical form, language and datatype
(xsd:string and no datatype are the same). --require-rows fails a query
that returns no rows in both engines (for data made to exercise them all).
Exit status 0 when every query agrees, 1 otherwise.
"""
import argparse
import json
import os
import subprocess
import sys

from rdflib import BNode, Dataset, Literal, URIRef

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def norm_json(term):
    if term is None:
        return None
    t = term["type"]
    if t == "uri":
        return ("uri", term["value"])
    if t == "bnode":
        return ("bnode",)
    dt = term.get("datatype")
    if dt == XSD_STRING:
        dt = None
    lang = term.get("xml:lang")
    return ("literal", term["value"], lang.lower() if lang else None, dt)


def norm_rdflib(term):
    if term is None:
        return None
    if isinstance(term, URIRef):
        return ("uri", str(term))
    if isinstance(term, BNode):
        return ("bnode",)
    if isinstance(term, Literal):
        dt = str(term.datatype) if term.datatype else None
        if dt == XSD_STRING:
            dt = None
        lang = term.language.lower() if term.language else None
        return ("literal", str(term), lang, dt)
    return ("?", str(term))


def show(row):
    out = []
    for t in row:
        if t is None:
            out.append("-")
        elif t[0] == "uri":
            out.append("<%s>" % t[1])
        elif t[0] == "literal":
            s = json.dumps(t[1], ensure_ascii=False)
            if t[2]:
                s += "@" + t[2]
            elif t[3]:
                s += "^^<%s>" % t[3]
            out.append(s)
        else:
            out.append("_:b")
    return " ".join(out)


def store_args(args):
    if not args.store:
        return args.data
    if args.store.endswith(".sqlite"):
        return [args.store]
    kind, _, options = args.store.partition(":")
    return ["--store", kind, "--store-options", options]


def run_diplograph(args, query, inline=False):
    cmd = [args.diplograph, "query"] + store_args(args)
    cmd += ["-e", query] if inline else [query]
    cmd += ["-r", "json"]
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode != 0:
        raise RuntimeError("diplograph exited %d: %s" % (p.returncode, p.stderr.strip()))
    doc = json.loads(p.stdout)
    names = doc["head"].get("vars", [])
    rows = [tuple(norm_json(b.get(v)) for v in names) for b in doc["results"]["bindings"]]
    return names, rows


def run_rdflib(ds, query):
    with open(query, encoding="utf-8") as f:
        text = f.read()
    res = ds.query(text)
    names = [str(v) for v in res.vars]
    rows = [tuple(norm_rdflib(r[i]) for i in range(len(names))) for r in res]
    return names, rows


def check_quads(args, ds):
    """The store's quads, read with GRAPH ?g, against the data files'."""
    _, rows = run_diplograph(args, "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }", True)
    want = set()
    for s, p, o, g in ds.quads((None, None, None, None)):
        want.add(tuple(norm_rdflib(t) for t in (s, p, o, g)))
    got = sorted(rows)
    dups = len(got) - len(set(got))
    missing = want - set(got)
    extra = set(got) - want
    for q in sorted(missing)[:5]:
        print("  missing from the store: %s" % show(q))
    for q in sorted(extra)[:5]:
        print("  not in the files:       %s" % show(q))
    print("store %d quads (%d repeated), files %d quads, %d missing, %d extra"
          % (len(got), dups, len(want), len(missing), len(extra)))
    return 1 if dups or missing or extra or not want else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--diplograph", required=True)
    ap.add_argument("--data", action="append", required=True)
    ap.add_argument("--store")
    ap.add_argument("--require-rows", action="store_true")
    ap.add_argument("--quads", action="store_true")
    ap.add_argument("queries", nargs="*")
    args = ap.parse_args()

    ds = Dataset(default_union=True)
    for f in args.data:
        ds.parse(f, format="nquads")
    if args.quads:
        return check_quads(args, ds)

    failed = 0
    for q in args.queries:
        name = os.path.basename(q)
        try:
            n1, r1 = run_diplograph(args, q)
            n2, r2 = run_rdflib(ds, q)
        except Exception as e:  # a query either engine rejects is a failure
            print("FAIL %s: %s" % (name, e))
            failed += 1
            continue
        problem = None
        if n1 != n2:
            problem = "variables differ: diplograph %s, rdflib %s" % (n1, n2)
        elif r1 != r2:
            problem = "rows differ: diplograph %d, rdflib %d" % (len(r1), len(r2))
        elif args.require_rows and not r1:
            problem = "no rows (this data is meant to give some)"
        if problem:
            failed += 1
            print("FAIL %s: %s" % (name, problem))
            if n1 == n2 and r1 != r2:
                shown = 0
                for i in range(max(len(r1), len(r2))):
                    a = r1[i] if i < len(r1) else None
                    b = r2[i] if i < len(r2) else None
                    if a != b:
                        print("  row %d diplograph: %s" % (i + 1, show(a) if a else "(none)"))
                        print("  row %d rdflib:     %s" % (i + 1, show(b) if b else "(none)"))
                        shown += 1
                        if shown == 5:
                            break
        else:
            print("ok   %s: %d row%s" % (name, len(r1), "" if len(r1) == 1 else "s"))
    print("%d quer%s, %d failed" % (len(args.queries), "y" if len(args.queries) == 1 else "ies", failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
