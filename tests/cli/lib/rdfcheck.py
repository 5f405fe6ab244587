#!/usr/bin/python3
"""rdfcheck: second-opinion checks of diplograph's RDF output with python3-rdflib.

Used by the CLI tests (tests/cli/*.sh); rdflib is an independent parser, so
these checks do not trust raptor to read back what raptor wrote.

  rdfcheck.py contract ONTOLOGY.ttl TERMS.txt
      every contract term is defined with English rdfs:label and rdfs:comment,
      as a class or a property, with the super-term, domain and range given
  rdfcheck.py defined ONTOLOGY.ttl FILE.nq...
      every dg: IRI the files use, every predicate and every class is defined
      in the ontology (or is one of the few standard terms listed below)
  rdfcheck.py union GRAPH.nq GRAPH.ttl
      the union of the quads' triples equals the Turtle graph
  rdfcheck.py graphs GRAPH.nq
      every named graph is a dg:Document that has dg:sourceFile in its graph
  rdfcheck.py evidence GRAPH.nq EVIDENCE.nq SOURCE_DIR
      every evidence graph is <doc#char=B,E>, a nif:Sentence of a document of
      GRAPH.nq whose anchorOf is the text at code points [B,E) of its source
      file, every fact in it is in that document's graph, and every relation
      (dg:coChair, dg:date, ..., not labels or types) has an evidence sentence
  rdfcheck.py count FILE.nq|FILE.ttl
      prints the number of statements
Exit status: 0 when the check holds, 1 with a message on stderr otherwise.
"""
import os
import re
import sys

import rdflib
from rdflib import RDF, RDFS, OWL, Literal, URIRef, Namespace

DG = Namespace("https://w3id.org/diplograph/ontology#")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
PREFIXES = {
    "dg": str(DG), "rdf": str(RDF), "rdfs": str(RDFS), "owl": str(OWL),
    "xsd": "http://www.w3.org/2001/XMLSchema#", "skos": str(SKOS),
    "prov": "http://www.w3.org/ns/prov#", "dcterms": "http://purl.org/dc/terms/",
    "schema": "http://schema.org/", "nif": str(NIF),
}
# Standard terms an output may use without the ontology declaring them.
STANDARD = {RDF.type, RDFS.label, SKOS.altLabel, OWL.sameAs}
# The extracted relations: each must have evidence (entity descriptions need not).
RELATIONS = {DG[t] for t in ("inSeries ordinal date plannedDate venue virtual coChair reportsOn "
                             "adoptedAt references recalls reaffirms welcomes acknowledges notes "
                             "mentions plannedNext").split()} | {URIRef("http://purl.org/dc/terms/issued")}


def expand(curie):
    prefix, local = curie.split(":", 1)
    return URIRef(PREFIXES[prefix] + local)


def fail(msg):
    sys.stderr.write("rdfcheck: " + msg + "\n")
    sys.exit(1)


def load_quads(path):
    cg = rdflib.ConjunctiveGraph()
    cg.parse(path, format="nquads")
    return [(s, p, o, c.identifier) for s, p, o, c in cg.quads((None, None, None, None))]


def load_graph(path):
    g = rdflib.Graph()
    g.parse(path, format="nquads" if path.endswith(".nq") else "turtle")
    return g


def cmd_contract(onto_path, terms_path):
    g = load_graph(onto_path)
    q = """SELECT ?t (COUNT(DISTINCT ?l) AS ?nl) (COUNT(DISTINCT ?c) AS ?nc) WHERE {
             ?t rdfs:label ?l ; rdfs:comment ?c .
             FILTER (lang(?l) = "en" && lang(?c) = "en") } GROUP BY ?t"""
    documented = {row.t: (int(row.nl), int(row.nc))
                  for row in g.query(q, initNs={"rdfs": RDFS})}
    problems, n = [], 0
    for line in open(terms_path, encoding="utf-8"):
        if not line.strip() or line.startswith("#"):
            continue
        term, kind, sup, dom, rng = line.rstrip("\n").split("\t")
        t = expand(term)
        n += 1
        if t not in documented:
            problems.append(term + ": no English rdfs:label and rdfs:comment")
        elif documented[t][0] != 1:
            problems.append(term + ": %d English labels, want one" % documented[t][0])
        types = set(g.objects(t, RDF.type))
        if kind == "class" and OWL.Class not in types:
            problems.append(term + ": not an owl:Class")
        if kind == "property" and not types & {OWL.ObjectProperty, OWL.DatatypeProperty}:
            problems.append(term + ": not an owl:ObjectProperty or owl:DatatypeProperty")
        checks = [(sup, RDFS.subClassOf if kind == "class" else RDFS.subPropertyOf),
                  (dom, RDFS.domain), (rng, RDFS.range)]
        for want, pred in checks:
            if want != "-" and (t, pred, expand(want)) not in g:
                problems.append("%s: missing %s %s" % (term, g.qname(pred), want))
    if n < 30:
        problems.append("%s: only %d terms read" % (terms_path, n))
    if problems:
        fail("\n  ".join(["ontology does not define the contract:"] + problems))
    print("contract: %d terms defined" % n)


def cmd_defined(onto_path, *files):
    onto = load_graph(onto_path)
    defined = {s for s in onto.subjects(RDF.type, None) if isinstance(s, URIRef)}
    used = {}
    for path in files:
        for s, p, o, _ in load_quads(path):
            terms = [p] + [x for x in (s, o) if isinstance(x, URIRef) and x.startswith(str(DG))]
            if p == RDF.type:
                terms.append(o)
            for t in terms:
                used.setdefault(t, os.path.basename(path))
    missing = sorted(str(t) for t in used if t not in defined and t not in STANDARD)
    if missing:
        fail("terms used in the output but not defined in %s:\n  %s"
             % (onto_path, "\n  ".join("%s (%s)" % (t, used[URIRef(t)]) for t in missing)))
    print("defined: %d terms used, all defined" % len(used))


def cmd_union(nq_path, ttl_path):
    union = {(s, p, o) for s, p, o, _ in load_quads(nq_path)}
    ttl = set(load_graph(ttl_path))
    if any(isinstance(x, rdflib.BNode) for t in union | ttl for x in t):
        fail("blank nodes in the output: diplograph mints IRIs for everything")
    if union != ttl:
        only_q = sorted(union - ttl)[:5]
        only_t = sorted(ttl - union)[:5]
        fail("union of %s (%d triples) != %s (%d triples)\n  only in quads: %s\n  only in turtle: %s"
             % (nq_path, len(union), ttl_path, len(ttl), only_q, only_t))
    print("union: %d triples in both" % len(union))


def cmd_graphs(nq_path):
    quads = load_quads(nq_path)
    names = {c for _, _, _, c in quads}
    problems = []
    for c in sorted(names):
        if not isinstance(c, URIRef) or str(c) == "urn:x-rdflib:default":
            problems.append("a statement outside any named graph")
            continue
        files = [o for s, p, o, g in quads if s == c and p == DG.sourceFile and g == c]
        if len(files) != 1:
            problems.append("%s: %d dg:sourceFile in its own graph, want 1" % (c, len(files)))
        if not any(s == c and p == RDF.type and o == DG.Document and g == c
                   for s, p, o, g in quads):
            problems.append("%s: not typed dg:Document in its own graph" % c)
    if not names:
        problems.append("no named graphs at all")
    if problems:
        fail("\n  ".join([nq_path + ":"] + problems))
    print("graphs: %d named graphs, each a document with dg:sourceFile" % len(names))


def cmd_evidence(nq_path, ev_path, src_dir):
    facts = set(load_quads(nq_path))
    doc_files = {g: str(o) for s, p, o, g in facts if p == DG.sourceFile and s == g}
    ev = load_quads(ev_path)
    desc = {}
    for s, p, o, g in ev:
        if g in doc_files and p in (RDF.type, NIF.beginIndex, NIF.endIndex, NIF.anchorOf,
                                    NIF.referenceContext):
            desc.setdefault(s, {})[p] = o
    problems, nfacts, texts = [], 0, {}
    for s, p, o, g in ev:
        if g in doc_files:
            continue
        nfacts += 1
        m = re.match(r"^(.*)#char=(\d+),(\d+)$", str(g))
        if not m or URIRef(m.group(1)) not in doc_files:
            problems.append("%s: evidence graph is not <document#char=B,E>" % g)
            continue
        doc, b, e = URIRef(m.group(1)), int(m.group(2)), int(m.group(3))
        if (s, p, o, doc) not in facts:
            problems.append("%s: (%s %s %s) is not in the document's graph" % (g, s, p, o))
        d = desc.get(g, {})
        want = {RDF.type: NIF.Sentence, NIF.referenceContext: doc,
                NIF.beginIndex: b, NIF.endIndex: e}
        for k, v in want.items():
            got = d.get(k)
            if got is None or (got.toPython() if isinstance(got, Literal) else got) != v:
                problems.append("%s: %s is %s, want %s" % (g, k, got, v))
        name = doc_files[doc]
        path = os.path.join(src_dir, name)
        if name.endswith(".txt") and os.path.exists(path):
            if path not in texts:
                texts[path] = open(path, encoding="utf-8-sig", newline="").read()
            if str(d.get(NIF.anchorOf)) != texts[path][b:e]:
                problems.append("%s: nif:anchorOf %r is not the text at [%d,%d) of %s: %r"
                                % (g, str(d.get(NIF.anchorOf)), b, e, name, texts[path][b:e]))
    # every relation a document states has at least one evidence sentence
    backed = {(s, p, o, URIRef(str(g).split("#char=")[0])) for s, p, o, g in ev
              if g not in doc_files}
    relations = [q for q in facts if q[1] in RELATIONS]
    for q in relations:
        if q not in backed:
            problems.append("%s: (%s %s %s) has no evidence sentence" % (q[3], q[0], q[1], q[2]))
    if problems:
        fail("\n  ".join([ev_path + ":"] + sorted(set(problems))[:20]))
    print("evidence: %d relation facts, %d evidence quads, all consistent"
          % (len(relations), nfacts))


def cmd_count(path):
    print(len(load_quads(path)) if path.endswith(".nq") else len(load_graph(path)))


COMMANDS = {"contract": cmd_contract, "defined": cmd_defined, "union": cmd_union,
            "graphs": cmd_graphs, "evidence": cmd_evidence, "count": cmd_count}

if __name__ == "__main__":
    if len(sys.argv) < 3 or sys.argv[1] not in COMMANDS:
        sys.stderr.write(__doc__)
        sys.exit(2)
    COMMANDS[sys.argv[1]](*sys.argv[2:])
