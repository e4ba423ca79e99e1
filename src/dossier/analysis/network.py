"""Who acts on whom: actors as nodes, their events as weighted directed edges, in GraphML or GEXF.

`dossier export network --format graphml|gexf` writes it; Gephi, networkx
and igraph read both. A node is an actor (or a code or a country, as the
user groups them) with its code, name, country and event count; an edge
from source to target carries how many events (`count`, also the edge
weight), their mean and summed Goldstein score, the most frequent QuadClass
and the count of each QuadClass (`quad1`..`quad4`).

Example:
    >>> import io
    >>> putin = {"code": "RUSGOV", "name": "Vladimir Putin", "country": "RUS"}
    >>> moon = {"code": "KORGOV", "name": "Moon Jae-in", "country": "KOR"}
    >>> network = event_network([{"source": putin, "target": moon, "goldstein": 1.0, "quad_class": 1}])
    >>> graphml = io.StringIO()
    >>> write_graphml(network, graphml)
    >>> "<graphml" in graphml.getvalue()
    True
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, TextIO

from dossier.analysis.identity import IDENTITY, actor_key, check_grouping, country_of

QUAD_CLASSES = (1, 2, 3, 4)
GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
GEXF_NS = "http://gexf.net/1.3"


@dataclass(frozen=True)
class Node:
    id: str
    code: str | None
    name: str
    country: str | None
    events: int  # events the actor takes part in, as source or target


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    count: int
    goldstein_sum: float
    goldstein_mean: float | None  # None when no event of the edge has a Goldstein score
    quad_class: int | None  # the most frequent QuadClass
    quad_counts: tuple[int, int, int, int]


@dataclass(frozen=True)
class Network:
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]


# GEXF spells GraphML's "int" out.
GEXF_TYPES = {"int": "integer"}
# Attribute name -> GraphML type of what nodes and edges carry.
NODE_ATTRIBUTES = {"code": "string", "name": "string", "country": "string", "events": "int"}
EDGE_ATTRIBUTES = {
    "count": "int",
    "goldstein_mean": "double",
    "goldstein_sum": "double",
    "quad_class": "int",
    **{f"quad{quad}": "int" for quad in QUAD_CLASSES},
}


class _NodeTally:
    def __init__(self) -> None:
        self.codes: Counter[str] = Counter()
        self.names: Counter[str] = Counter()
        self.countries: Counter[str] = Counter()
        self.events = 0

    def add(self, actor: dict[str, Any]) -> None:
        self.events += 1
        if actor.get("code"):
            self.codes[str(actor["code"])] += 1
        if actor.get("name"):
            self.names[str(actor["name"])] += 1
        country = country_of(actor)
        if country:
            self.countries[country] += 1

    def node(self, key: str) -> Node:
        def top(counter: Counter[str]) -> str | None:
            return counter.most_common(1)[0][0] if counter else None

        return Node(key, top(self.codes), top(self.names) or key, top(self.countries), self.events)


class _EdgeTally:
    def __init__(self) -> None:
        self.count = 0
        self.goldstein = 0.0
        self.scored = 0
        self.quads: Counter[int] = Counter()

    def add(self, record: dict[str, Any]) -> None:
        self.count += 1
        if record.get("goldstein") is not None:
            self.goldstein += float(record["goldstein"])
            self.scored += 1
        if record.get("quad_class") in QUAD_CLASSES:
            self.quads[int(record["quad_class"])] += 1

    def edge(self, source: str, target: str) -> Edge:
        # Ties go to the lower QuadClass (cooperation before conflict), so the result never depends on order.
        common = min(self.quads, key=lambda quad: (-self.quads[quad], quad)) if self.quads else None
        mean = self.goldstein / self.scored if self.scored else None
        counts = (self.quads[1], self.quads[2], self.quads[3], self.quads[4])
        return Edge(source, target, self.count, round(self.goldstein, 3), mean, common, counts)


def event_network(records: Iterable[dict[str, Any]], grouping: str = IDENTITY) -> Network:
    """Add up event records into nodes and directed edges; an event without a target adds to its source only.

    Example:
        >>> putin = {"code": "RUSGOV", "name": "Vladimir Putin", "country": "RUS"}
        >>> moon = {"code": "KORGOV", "name": "Moon Jae-in", "country": "KOR"}
        >>> network = event_network([{"source": putin, "target": moon, "goldstein": 1.0, "quad_class": 1}])
        >>> network.edges[0].source, network.edges[0].count
        ('RUSGOV|Vladimir Putin', 1)
    """
    check_grouping(grouping)
    nodes: dict[str, _NodeTally] = {}
    edges: dict[tuple[str, str], _EdgeTally] = {}
    for record in records:
        ends = []
        for side in ("source", "target"):
            actor = record.get(side)
            if actor:
                key = actor_key(actor, grouping)
                nodes.setdefault(key, _NodeTally()).add(actor)
                ends.append(key)
        if len(ends) == 2:
            edges.setdefault((ends[0], ends[1]), _EdgeTally()).add(record)
    return Network(
        tuple(tally.node(key) for key, tally in sorted(nodes.items())),
        tuple(tally.edge(*key) for key, tally in sorted(edges.items())),
    )


def _edge_values(edge: Edge) -> dict[str, Any]:
    values: dict[str, Any] = {
        "count": edge.count,
        "goldstein_mean": None if edge.goldstein_mean is None else round(edge.goldstein_mean, 4),
        "goldstein_sum": edge.goldstein_sum,
        "quad_class": edge.quad_class,
    }
    values.update({f"quad{quad}": count for quad, count in zip(QUAD_CLASSES, edge.quad_counts, strict=True)})
    return values


def _node_values(node: Node) -> dict[str, Any]:
    return {"code": node.code, "name": node.name, "country": node.country, "events": node.events}


def write_graphml(network: Network, stream: TextIO) -> None:
    """GraphML with typed keys; a value dossier does not know is left out, as GraphML intends."""
    ET.register_namespace("", GRAPHML_NS)
    root = ET.Element(f"{{{GRAPHML_NS}}}graphml")
    for scope, attributes in (("node", NODE_ATTRIBUTES), ("edge", EDGE_ATTRIBUTES)):
        for name, kind in attributes.items():
            ET.SubElement(
                root,
                f"{{{GRAPHML_NS}}}key",
                {"id": f"{scope}_{name}", "for": scope, "attr.name": name, "attr.type": kind},
            )
    ET.SubElement(
        root, f"{{{GRAPHML_NS}}}key", {"id": "edge_weight", "for": "edge", "attr.name": "weight", "attr.type": "double"}
    )
    graph = ET.SubElement(root, f"{{{GRAPHML_NS}}}graph", {"id": "dossier", "edgedefault": "directed"})
    for node in network.nodes:
        element = ET.SubElement(graph, f"{{{GRAPHML_NS}}}node", {"id": node.id})
        _graphml_data(element, "node", _node_values(node))
    for number, edge in enumerate(network.edges):
        element = ET.SubElement(
            graph, f"{{{GRAPHML_NS}}}edge", {"id": f"e{number}", "source": edge.source, "target": edge.target}
        )
        _graphml_data(element, "edge", {**_edge_values(edge), "weight": float(edge.count)})
    _write_xml(root, stream)


def _graphml_data(element: ET.Element, scope: str, values: dict[str, Any]) -> None:
    for name, value in values.items():
        if value is not None:
            ET.SubElement(element, f"{{{GRAPHML_NS}}}data", {"key": f"{scope}_{name}"}).text = str(value)


def write_gexf(network: Network, stream: TextIO) -> None:
    """GEXF 1.3 (Gephi's own format): node labels are actor names, edge weights event counts."""
    ET.register_namespace("", GEXF_NS)
    root = ET.Element(f"{{{GEXF_NS}}}gexf", {"version": "1.3"})
    meta = ET.SubElement(root, f"{{{GEXF_NS}}}meta")
    ET.SubElement(meta, f"{{{GEXF_NS}}}creator").text = "dossier"
    graph = ET.SubElement(root, f"{{{GEXF_NS}}}graph", {"defaultedgetype": "directed", "mode": "static"})
    for scope, attributes in (("node", NODE_ATTRIBUTES), ("edge", EDGE_ATTRIBUTES)):
        declared = ET.SubElement(graph, f"{{{GEXF_NS}}}attributes", {"class": scope})
        for name, kind in attributes.items():
            gexf_type = GEXF_TYPES.get(kind, kind)
            ET.SubElement(
                declared, f"{{{GEXF_NS}}}attribute", {"id": f"{scope}_{name}", "title": name, "type": gexf_type}
            )
    nodes = ET.SubElement(graph, f"{{{GEXF_NS}}}nodes")
    for node in network.nodes:
        element = ET.SubElement(nodes, f"{{{GEXF_NS}}}node", {"id": node.id, "label": node.name})
        _gexf_values(element, "node", _node_values(node))
    edges = ET.SubElement(graph, f"{{{GEXF_NS}}}edges")
    for number, edge in enumerate(network.edges):
        element = ET.SubElement(
            edges,
            f"{{{GEXF_NS}}}edge",
            {"id": f"e{number}", "source": edge.source, "target": edge.target, "weight": str(float(edge.count))},
        )
        _gexf_values(element, "edge", _edge_values(edge))
    _write_xml(root, stream)


def _gexf_values(element: ET.Element, scope: str, values: dict[str, Any]) -> None:
    known = {name: value for name, value in values.items() if value is not None}
    if not known:
        return
    attvalues = ET.SubElement(element, f"{{{GEXF_NS}}}attvalues")
    for name, value in known.items():
        ET.SubElement(attvalues, f"{{{GEXF_NS}}}attvalue", {"for": f"{scope}_{name}", "value": str(value)})


def _write_xml(root: ET.Element, stream: TextIO) -> None:
    ET.indent(root)
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    stream.write(ET.tostring(root, encoding="unicode"))
    stream.write("\n")
