"""Check hudud's QGIS project and styles with QGIS itself (PyQGIS).

Usage: QT_QPA_PLATFORM=offscreen /usr/bin/python3 tests/qgis_check.py DIR

DIR is a folder `hudud map` wrote. Loads DIR/hudud.qgs and checks that
every layer is valid, with as many features as its file, the incidents
categorised by event type with a category for every type present, the
zones graduated by band, the places labelled in Arabic; then loads
incidents.geojson alone and checks that QGIS applied incidents.qml.
Prints one `ok ...` line per check; exits 1 with the failures otherwise.
"""

import csv
import json
import os
import sys

from qgis.core import (
    QgsApplication,
    QgsCategorizedSymbolRenderer,
    QgsGraduatedSymbolRenderer,
    QgsProject,
    QgsVectorLayer,
)

FAILURES = []


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        FAILURES.append(what)


def file_count(path):
    """Features in a GeoJSON file, or rows in a CSV file."""
    if path.endswith(".csv"):
        with open(path, newline="", encoding="utf-8") as f:
            return sum(1 for _ in csv.DictReader(f))
    with open(path, encoding="utf-8") as f:
        return len(json.load(f)["features"])


def event_types(path):
    with open(path, encoding="utf-8") as f:
        return {feat["properties"]["event_type"] for feat in json.load(f)["features"]}


def check_project(folder):
    project = QgsProject.instance()
    check(project.read(os.path.join(folder, "hudud.qgs")), "hudud.qgs reads")
    check(project.crs().authid() == "EPSG:4326", "project CRS is EPSG:4326 (%s)" % project.crs().authid())
    layers = {l.name(): l for l in project.mapLayers().values()}
    check(len(layers) >= 4, "project has %d layers" % len(layers))
    for name, layer in sorted(layers.items()):
        source = layer.source().split("|")[0]
        check(layer.isValid(), "%s valid (%s)" % (name, source))
        check(os.path.dirname(os.path.abspath(source)) == os.path.abspath(folder), "%s read from DIR" % name)
        want = file_count(source)
        check(layer.featureCount() == want, "%s: %d features, file has %d" % (name, layer.featureCount(), want))
        check(layer.crs().authid() == "EPSG:4326", "%s CRS %s" % (name, layer.crs().authid()))
    return layers


def check_incidents(layer, folder):
    renderer = layer.renderer()
    check(isinstance(renderer, QgsCategorizedSymbolRenderer), "incidents: categorised renderer")
    if not isinstance(renderer, QgsCategorizedSymbolRenderer):
        return
    check(renderer.classAttribute() == "event_type", "incidents: categories over event_type")
    values = {c.value() for c in renderer.categories()}
    present = event_types(os.path.join(folder, "incidents.geojson"))
    check(present <= values, "incidents: a category for every type present %s" % sorted(present))
    colours = {c.symbol().color().name() for c in renderer.categories()}
    check(len(colours) == len(values), "incidents: %d distinct colours" % len(colours))
    sized = [p for p in all_dd(renderer) if p.isActive() and "fatalities" in p.expressionString()]
    check(len(sized) == len(values), "incidents: every marker sized by fatalities")


def all_dd(renderer):
    """The data-defined properties of the first symbol layer of each category."""
    props = []
    for c in renderer.categories():
        collection = c.symbol().symbolLayer(0).dataDefinedProperties()
        for key in collection.propertyKeys():
            props.append(collection.property(key))
    return props


def check_zones(layer):
    renderer = layer.renderer()
    check(isinstance(renderer, QgsGraduatedSymbolRenderer), "zones: graduated renderer")
    if isinstance(renderer, QgsGraduatedSymbolRenderer):
        check(renderer.classAttribute() == "band_km", "zones: ranges over band_km")
        alphas = [r.symbol().color().alpha() for r in renderer.ranges()]
        check(bool(alphas) and all(a < 255 for a in alphas), "zones: transparent fills %s" % alphas)


def check_places(layer):
    check(layer.labelsEnabled(), "places: labels on")
    labeling = layer.labeling()
    field = labeling.settings().fieldName if labeling is not None else None
    check(field == "name_ar", "places: labelled by %s" % field)


def check_default_style(folder):
    """A layer opened alone takes NAME.qml, as QGIS does when one drags it in."""
    layer = QgsVectorLayer(os.path.join(folder, "incidents.geojson"), "incidents", "ogr")
    message, loaded = layer.loadDefaultStyle()
    check(loaded, "incidents.geojson alone picks up incidents.qml (%s)" % message)
    check(isinstance(layer.renderer(), QgsCategorizedSymbolRenderer), "incidents.geojson alone: categorised")


def check_geopackage(folder):
    """hudud.gpkg, when written: each layer valid, in EPSG:4326, with as
    many features as its own file."""
    path = os.path.join(folder, "hudud.gpkg")
    if not os.path.exists(path):
        return
    files = {"incidents": "incidents.geojson", "places": "places.geojson", "mentions": "mentions.csv",
             "border": "border.geojson", "border_zones": "border_zones.geojson"}
    for name, source in files.items():
        layer = QgsVectorLayer("%s|layername=%s" % (path, name), name, "ogr")
        check(layer.isValid(), "hudud.gpkg %s valid" % name)
        if layer.isValid():
            check(layer.crs().authid() == "EPSG:4326", "hudud.gpkg %s CRS %s" % (name, layer.crs().authid()))
            want = file_count(os.path.join(folder, source))
            check(layer.featureCount() == want, "hudud.gpkg %s: %d features, %s has %d" % (
                name, layer.featureCount(), source, want))


def main():
    folder = sys.argv[1]
    QgsApplication.setPrefixPath("/usr", True)
    app = QgsApplication([], False)
    app.initQgis()
    layers = check_project(folder)
    for name, fn in [("incidents", check_incidents), ("border zones", check_zones), ("places", check_places)]:
        check(name in layers, "project has a layer '%s'" % name)
        if name in layers:
            if fn is check_incidents:
                fn(layers[name], folder)
            else:
                fn(layers[name])
    check_default_style(folder)
    check_geopackage(folder)
    QgsProject.instance().clear()
    if FAILURES:
        print("%d check(s) failed" % len(FAILURES))
        sys.exit(1)


if __name__ == "__main__":
    main()
