// Copies the map library from node_modules into vendor/, the files
// src/output/webmap.rs embeds with include_str!: one JS file, one CSS file
// (Leaflet's images inlined as data: URIs, since map.html must open from
// file:// with nothing beside it) and LICENSES.md with versions and licences.
// Re-vendor: cd web && npm ci && node vendor.mjs
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";

const read = (p) => readFileSync(new URL(p, import.meta.url), "utf8");
const pkg = (name) => JSON.parse(read(`node_modules/${name}/package.json`));
// A source-map comment points at a file map.html does not carry.
const noMap = (s) => s.replace(/\n?\/\/# sourceMappingURL=\S+\s*$/, "\n");
const image = (name) => {
  const png = readFileSync(new URL(`node_modules/leaflet/dist/images/${name}`, import.meta.url));
  return `url(data:image/png;base64,${png.toString("base64")})`;
};

const js = [
  `/* Leaflet ${pkg("leaflet").version} (BSD-2-Clause) */\n` + noMap(read("node_modules/leaflet/dist/leaflet.js")),
  `/* Leaflet.markercluster ${pkg("leaflet.markercluster").version} (MIT) */\n` +
    noMap(read("node_modules/leaflet.markercluster/dist/leaflet.markercluster.js")),
].join("\n");
const css = [
  read("node_modules/leaflet/dist/leaflet.css").replace(/url\(images\/([\w.-]+\.png)\)/g, (_, f) => image(f)),
  read("node_modules/leaflet.markercluster/dist/MarkerCluster.css"),
  read("node_modules/leaflet.markercluster/dist/MarkerCluster.Default.css"),
].join("\n");

// Embedded inside <script> and <style> elements: nothing may close them.
for (const [what, text, tag] of [["JS", js, "</script"], ["CSS", css, "</style"]]) {
  if (text.toLowerCase().includes(tag)) throw new Error(`${what} contains ${tag}`);
}
if (/url\((?!data:|#)/.test(css)) throw new Error("CSS refers to a file map.html would not carry");

const licences = `# Vendored map library

\`leaflet.js\` and \`leaflet.css\` are made by \`node vendor.mjs\` from the npm
packages below (pinned in package.json and package-lock.json), unmodified but
for the removed source-map comments and Leaflet's PNG images inlined into
the CSS as data: URIs. hudud embeds them into every map.html it writes.

| package | version | licence |
| --- | --- | --- |
| leaflet | ${pkg("leaflet").version} | ${pkg("leaflet").license} |
| leaflet.markercluster | ${pkg("leaflet.markercluster").version} | ${pkg("leaflet.markercluster").license} |

## leaflet ${pkg("leaflet").version}

\`\`\`
${read("node_modules/leaflet/LICENSE").trim()}
\`\`\`

## leaflet.markercluster ${pkg("leaflet.markercluster").version}

\`\`\`
${read("node_modules/leaflet.markercluster/MIT-LICENCE.txt").trim()}
\`\`\`
`;

mkdirSync(new URL("vendor/", import.meta.url), { recursive: true });
writeFileSync(new URL("vendor/leaflet.js", import.meta.url), js);
writeFileSync(new URL("vendor/leaflet.css", import.meta.url), css);
writeFileSync(new URL("vendor/LICENSES.md", import.meta.url), licences);
console.log(`vendor/: leaflet.js ${js.length} B, leaflet.css ${css.length} B, LICENSES.md`);
