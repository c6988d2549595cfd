"""Render hudud's QGIS project to a PNG, as QGIS draws it, for the README.

Usage (QGIS's Python, no display needed):
  hudud map samples/articles samples/news.jsonl --out /tmp/layers
  QT_QPA_PLATFORM=offscreen /usr/bin/python3 docs/qgis_screenshot.py /tmp/layers/hudud.qgs docs/qgis.png

Draws the project's visible layers over its default view with their
styles and labels, and a legend of the incident categories.
"""

import sys

from qgis.core import QgsApplication, QgsMapRendererParallelJob, QgsMapSettings, QgsProject
from qgis.PyQt.QtCore import QSize, Qt
from qgis.PyQt.QtGui import QColor, QFont, QPainter

WIDTH, HEIGHT = 1200, 825


def visible_layers(project):
    """The checked layers, top first, as the layers panel lists them."""
    root = project.layerTreeRoot()
    return [node.layer() for node in root.findLayers() if node.isVisible()]


def render(project):
    settings = QgsMapSettings()
    settings.setLayers(visible_layers(project))
    settings.setDestinationCrs(project.crs())
    settings.setOutputSize(QSize(WIDTH, HEIGHT))
    settings.setOutputDpi(110)
    settings.setBackgroundColor(QColor(250, 250, 247))
    settings.setExtent(project.viewSettings().defaultViewExtent())
    settings.setFlag(QgsMapSettings.Antialiasing, True)
    settings.setFlag(QgsMapSettings.DrawLabeling, True)
    job = QgsMapRendererParallelJob(settings)
    job.start()
    job.waitForFinished()
    return job.renderedImage()


def draw_legend(image, project):
    """The incident categories with their colours, in a box at bottom left."""
    incidents = project.mapLayersByName("incidents")[0]
    categories = incidents.renderer().categories()
    painter = QPainter(image)
    painter.setRenderHint(QPainter.Antialiasing)
    painter.setFont(QFont("DejaVu Sans", 10))
    row, x0 = 22, 16
    y0 = HEIGHT - 16 - row * (len(categories) + 1)
    painter.setPen(QColor(160, 160, 160))
    painter.setBrush(QColor(255, 255, 255, 225))
    painter.drawRect(x0 - 8, y0 - 20, 330, row * (len(categories) + 1) + 12)
    painter.setPen(QColor(20, 20, 20))
    painter.drawText(x0, y0, "Incidents by ACLED event type (size: fatalities)")
    for i, category in enumerate(categories):
        y = y0 + row * (i + 1)
        painter.setPen(Qt.NoPen)
        painter.setBrush(category.symbol().color())
        painter.drawEllipse(x0, y - 10, 11, 11)
        painter.setPen(QColor(20, 20, 20))
        painter.drawText(x0 + 20, y, category.label())
    painter.end()


def main():
    project_path, out = sys.argv[1], sys.argv[2]
    QgsApplication.setPrefixPath("/usr", True)
    app = QgsApplication([], False)
    app.initQgis()
    project = QgsProject.instance()
    if not project.read(project_path):
        sys.exit("cannot read %s" % project_path)
    image = render(project)
    draw_legend(image, project)
    if not image.save(out, "PNG"):
        sys.exit("cannot write %s" % out)
    print("wrote %s (%dx%d)" % (out, image.width(), image.height()))
    project.clear()


if __name__ == "__main__":
    main()
