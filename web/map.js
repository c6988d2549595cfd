// hudud's web map: the page script of map.html (embedded by
// src/output/webmap.rs). It reads the two JSON data blocks, draws the layers
// with Leaflet, and puts every text from the data into the page as text
// (textContent, never innerHTML), so an article cannot inject markup.
// When done it sets <body data-state="ready">; an error sets "error" and
// data-error, which the tests and a reader of the page can see.
(function () {
  "use strict";
  var body = document.body;
  window.addEventListener("error", function (e) {
    body.dataset.state = "error";
    body.dataset.error = String(e.message);
  });

  // Row layout: see ROW_COLUMNS in src/output/webmap.rs.
  var LON = 0, LAT = 1, TYPE = 2, DATE = 3, SUB = 4, ACTOR1 = 5, ACTOR2 = 6, ACTOR1_AR = 7, ACTOR2_AR = 8,
    FATALITIES = 9, LOCATION = 10, LOCATION_AR = 11, SOURCE = 12, EVIDENCE = 13;

  var rows = JSON.parse(document.getElementById("hudud-incidents").textContent);
  var layers = JSON.parse(document.getElementById("hudud-layers").textContent);
  var types = layers.types;

  // An element with text: the only way data reaches the page.
  function el(tag, text, attrs) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    for (var k in attrs || {}) node.setAttribute(k, attrs[k]);
    return node;
  }

  // The clusters need a maximum zoom, which no tile layer gives here.
  var map = L.map("map", { preferCanvas: true, zoomSnap: 0.5, minZoom: 3, maxZoom: 18 });
  map.attributionControl.setPrefix("Leaflet | hudud");
  if (layers.tiles) {
    // The host by pattern: a template such as https://{s}.tile… is no URL to parse.
    var host = layers.tiles.replace(/^https?:\/\/([^/]*).*$/i, "$1");
    L.tileLayer(layers.tiles, { maxZoom: 18, attribution: "tiles: " + host }).addTo(map);
  }

  var overlays = {};
  var border = L.geoJSON(layers.border, {
    style: function (f) {
      var main = f.properties && f.properties.id === "iq-sy";
      return { color: "#333", weight: main ? 2.5 : 1.2, dashArray: main ? null : "4 3" };
    },
    interactive: false,
  });
  var bandColours = ["#b2182b", "#ef8a62", "#fddbc7", "#f7f7f7"];
  var bands = {};
  (layers.zones.features || []).forEach(function (f) {
    var km = f.properties.band_km;
    (bands[km] = bands[km] || []).push(f);
  });
  Object.keys(bands).map(Number).sort(function (a, b) { return a - b; }).forEach(function (km, i) {
    var first = bands[km][0].properties;
    var layer = L.geoJSON({ type: "FeatureCollection", features: bands[km] }, {
      style: { color: bandColours[Math.min(i, 3)], weight: 0.5, fillOpacity: 0.25, fillColor: bandColours[Math.min(i, 3)] },
      interactive: false,
    });
    overlays["Border zone " + first.inner_km + "–" + km + " km"] = layer.addTo(map);
  });
  overlays["Borders"] = border.addTo(map);

  var places = L.layerGroup();
  layers.places.forEach(function (p) {
    var m = L.circleMarker([p[1], p[0]], { radius: 3, color: "#555", weight: 1, fillColor: "#fff", fillOpacity: 1 });
    m.bindTooltip(function () {
      var box = el("div");
      box.appendChild(el("div", p[2], { dir: "rtl", lang: "ar", class: "ar" }));
      box.appendChild(el("div", p[3] + " · " + p[4] + " mention(s), " + p[5] + " incident(s)"));
      return box;
    });
    places.addLayer(m);
  });
  overlays["Places (" + layers.places.length + ")"] = places.addTo(map);

  function popup(r) {
    var box = el("div", null, { class: "popup" });
    box.appendChild(el("h3", types[r[TYPE]][0] + ": " + r[SUB]));
    var dl = el("dl");
    function item(label, value) {
      if (value === null || value === undefined || value === "") return;
      dl.appendChild(el("dt", label));
      dl.appendChild(el("dd", value));
    }
    var actor = function (en, ar) { return en ? en + (ar ? " (" + ar + ")" : "") : ar; };
    item("Date", r[DATE] || "unknown");
    item("Actor 1", actor(r[ACTOR1], r[ACTOR1_AR]));
    item("Actor 2", actor(r[ACTOR2], r[ACTOR2_AR]));
    item("Fatalities", r[FATALITIES]);
    item("Place", [r[LOCATION], r[LOCATION_AR]].filter(Boolean).join(" · "));
    item("Source", r[SOURCE]);
    box.appendChild(dl);
    box.appendChild(el("p", r[EVIDENCE], { dir: "rtl", lang: "ar", class: "evidence" }));
    return box;
  }

  var markers = rows.map(function (r, i) {
    var colour = types[r[TYPE]][1];
    var m = L.circleMarker([r[LAT], r[LON]], { radius: 6, color: "#222", weight: 1, fillColor: colour, fillOpacity: 0.9 });
    m.bindPopup(function () { return popup(r); }, { maxWidth: 360 });
    m.row = i;
    return m;
  });
  var clusters = L.markerClusterGroup({
    chunkedLoading: true,
    showCoverageOnHover: false,
    maxClusterRadius: 40,
    disableClusteringAtZoom: 13,
    // Large layers are added a chunk at a time, so the page stays live.
    chunkProgress: function (done, total) {
      if (done < total) status.textContent = "Loading incidents: " + done + " of " + total + "…";
      else finished();
    },
  });
  clusters.addTo(map);
  // Listed with the incidents first, the layers under them after.
  var listed = { Incidents: clusters };
  var order = Object.keys(overlays).filter(function (k) { return k.indexOf("Border zone") !== 0; }).reverse();
  order.concat(Object.keys(overlays).filter(function (k) { return k.indexOf("Border zone") === 0; }))
    .forEach(function (k) { listed[k] = overlays[k]; });
  L.control.layers(null, listed, { collapsed: false, position: "topright" }).addTo(map);

  // The panel: legend with counts per type, and the date filter.
  var panel = L.control({ position: "bottomleft" });
  var legend = el("ul", null, { id: "legend" });
  var status = el("p", "", { id: "status" });
  var from = el("input", null, { type: "date", id: "from", "aria-label": "from" });
  var to = el("input", null, { type: "date", id: "to", "aria-label": "to" });
  var undated = el("input", null, { type: "checkbox", id: "undated" });
  undated.checked = true;
  panel.onAdd = function () {
    var box = el("div", null, { class: "panel" });
    box.appendChild(el("h2", "Incidents by event type"));
    box.appendChild(legend);
    var dates = el("div", null, { class: "dates" });
    dates.appendChild(el("label", "From ", { for: "from" }));
    dates.appendChild(from);
    dates.appendChild(el("label", " to ", { for: "to" }));
    dates.appendChild(to);
    var u = el("label", null, { for: "undated", class: "undated" });
    u.appendChild(undated);
    u.appendChild(document.createTextNode(" incidents without a date"));
    dates.appendChild(u);
    box.appendChild(dates);
    box.appendChild(status);
    L.DomEvent.disableClickPropagation(box);
    L.DomEvent.disableScrollPropagation(box);
    return box;
  };
  panel.addTo(map);

  var dated = rows.map(function (r) { return r[DATE]; }).filter(Boolean).sort();
  if (dated.length) {
    from.value = from.min = to.min = dated[0];
    to.value = from.max = to.max = dated[dated.length - 1];
  }

  function shown(r) {
    var d = r[DATE];
    if (!d) return undated.checked;
    return (!from.value || d >= from.value) && (!to.value || d <= to.value);
  }

  function drawLegend(counts) {
    legend.textContent = "";
    types.forEach(function (t, i) {
      var li = el("li", null, { "data-type": t[0], "data-count": String(counts[i]) });
      var swatch = el("span", null, { class: "swatch" });
      swatch.style.background = t[1];
      li.appendChild(swatch);
      li.appendChild(el("span", t[0], { class: "label" }));
      li.appendChild(el("span", String(counts[i]), { class: "count" }));
      legend.appendChild(li);
    });
  }

  var shownCount = 0, whenDone = [];
  function finished() {
    status.textContent = shownCount + " of " + rows.length + " located incidents shown";
    body.dataset.shown = String(shownCount);
    whenDone.splice(0).forEach(function (f) { f(); });
  }

  function render(done) {
    var counts = types.map(function () { return 0; });
    var keep = [];
    rows.forEach(function (r, i) {
      if (shown(r)) {
        counts[r[TYPE]] += 1;
        keep.push(markers[i]);
      }
    });
    drawLegend(counts);
    shownCount = keep.length;
    if (done) whenDone.push(done);
    clusters.clearLayers();
    // An empty list reports no progress: nothing is added.
    if (keep.length) clusters.addLayers(keep);
    else finished();
  }
  [from, to, undated].forEach(function (input) {
    input.addEventListener("change", function () { render(); });
  });

  // The view: the incidents, else the border zones, else the region.
  var bounds = markers.length ? L.latLngBounds(markers.map(function (m) { return m.getLatLng(); })) : null;
  if (bounds && bounds.isValid()) map.fitBounds(bounds.pad(0.1), { maxZoom: 10 });
  else map.setView([34.5, 41], 6);

  render(function () {
    // #incident=N opens the popup of the Nth incident (in the order of
    // incidents.geojson's located features): a link to one incident.
    var hash = /^#incident=(\d+)$/.exec(location.hash);
    var m = hash && markers[Number(hash[1])];
    if (m) {
      map.setView(m.getLatLng(), 12);
      L.popup({ maxWidth: 360 }).setLatLng(m.getLatLng()).setContent(popup(rows[m.row])).openOn(map);
    }
    if (body.dataset.state !== "error") body.dataset.state = "ready";
  });
})();
