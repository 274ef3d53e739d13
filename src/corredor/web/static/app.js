/* corredor web page: the planner, the Chancay catchment and the port simulation on
 * an offline map. Every figure comes from the HTTP API on this server; every
 * string from the message catalogues (i18n.js).
 */
"use strict";
(function () {
  const i18n = window.i18n;
  const t = i18n.t;
  const COLOURS = ["#0b5d8f", "#2a9d3f", "#8e44ad", "#c0392b", "#16a085", "#d35400"];
  const WITHOUT_COLOUR = "#b8860b";
  const state = {
    plan: null,
    compare: null,
    catchment: null,
    curve: null,
    impact: null,
    commodities: [],
  };
  let map;
  let routeLayer;
  let catchmentLayer;
  let searchLayer;
  let routeRenderer;

  // -- HTTP --------------------------------------------------------------------

  async function api(url, options) {
    const res = await fetch(url, options);
    let body = null;
    try {
      body = await res.json();
    } catch (e) {
      body = null;
    }
    if (!res.ok) {
      const err = new Error((body && body.message) || `HTTP ${res.status}`);
      err.body = body;
      throw err;
    }
    return body;
  }

  function errorText(err) {
    const field = err.body && err.body.argument;
    return field
      ? t("error.field", { field: field, message: err.message })
      : t("error.generic", { message: err.message });
  }

  function setStatus(id, text, isError) {
    const el = document.getElementById(id);
    el.textContent = text;
    el.classList.toggle("error", Boolean(isError));
  }

  // -- map ---------------------------------------------------------------------

  /** Lines as one continuous path: each longitude within 180 degrees of the last. */
  function unwrap(lines) {
    let prev = null;
    return lines.map((line) =>
      line.map(([lon, lat]) => {
        let x = lon;
        if (prev !== null) {
          while (x - prev > 180) x -= 360;
          while (x - prev < -180) x += 360;
        }
        prev = x;
        return [lat, x];
      })
    );
  }

  function initMap() {
    map = L.map("map", { zoomSnap: 0.25, minZoom: 1, maxZoom: 9, worldCopyJump: false });
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution("Natural Earth");
    map.fitBounds([
      [-50, -250],
      [50, -30],
    ]);
    routeRenderer = L.svg({ padding: 0.5 });
    routeLayer = L.layerGroup().addTo(map);
    catchmentLayer = L.layerGroup();
    searchLayer = L.layerGroup().addTo(map);
    api("/basemap/50m").then((land) => {
      const canvas = L.canvas({ padding: 0.5 });
      [-360, 0, 360].forEach((offset) => {
        L.geoJSON(land, {
          renderer: canvas,
          interactive: false,
          style: { stroke: false, fillColor: "#eae4d3", fillOpacity: 1 },
          coordsToLatLng: (c) => L.latLng(c[1], c[0] + offset),
        }).addTo(map);
      });
      routeLayer.eachLayer((l) => l.bringToFront && l.bringToFront());
      document.getElementById("map").dataset.basemap = "loaded";
    });
  }

  /** One polyline per itinerary from its leg features (in leg order), continuous in longitude. */
  function drawItinerary(features, colour, dashed, title) {
    const lines = [];
    features.forEach((f) => {
      const g = f.geometry;
      if (g.type === "LineString") lines.push(g.coordinates);
      else g.coordinates.forEach((part) => lines.push(part));
    });
    const line = L.polyline(unwrap(lines), {
      renderer: routeRenderer,
      color: colour,
      weight: dashed ? 3 : 4,
      opacity: 0.9,
      dashArray: dashed ? "8 6" : null,
      className: dashed ? "route route-without" : "route route-pareto",
    });
    line.bindTooltip(title, { sticky: true });
    line.addTo(routeLayer);
    return line;
  }

  function legsOf(collection, test) {
    return collection.features.filter((f) => test(f.properties));
  }

  // -- reference lists -----------------------------------------------------------

  function fillOptions() {
    api("/places?limit=500").then((places) => {
      const list = document.getElementById("places");
      list.replaceChildren(
        ...places.map((p) => {
          const o = document.createElement("option");
          o.value = p.label;
          return o;
        })
      );
    });
    api("/ports?limit=200").then((ports) => {
      const list = document.getElementById("ports");
      list.replaceChildren(
        ...ports.map((p) => {
          const o = document.createElement("option");
          o.value = p.locode;
          o.label = `${p.name} (${p.country})`;
          return o;
        })
      );
    });
    api("/commodities").then((items) => {
      state.commodities = items;
      renderCommodities();
    });
    api("/scenarios").then(({ scenarios }) => {
      const sel = document.getElementById("scenario");
      sel.replaceChildren(
        ...scenarios.map((s) => {
          const o = document.createElement("option");
          o.value = s.name;
          o.textContent = `${s.name} (${s.locode})`;
          return o;
        })
      );
      sel.value = "chancay-phase1";
    });
  }

  function commodityName(item) {
    const key = `commodity.${item.key}`;
    return i18n.has(key) ? t(key) : item.name; // data-driven: new rows show their own name
  }

  function renderCommodities() {
    const sel = document.getElementById("commodity");
    const chosen = sel.value || "blueberries";
    sel.replaceChildren(
      ...state.commodities.map((c) => {
        const o = document.createElement("option");
        o.value = c.key;
        o.textContent = commodityName(c);
        return o;
      })
    );
    sel.value = chosen;
  }

  // -- planning --------------------------------------------------------------------

  function routeText(p) {
    return p.label.startsWith(p.gateway) ? p.label : `${p.gateway} · ${p.label}`;
  }

  function shelfText(p) {
    if (p.remaining_shelf_life_days === null) return t("shelf.none");
    const days = i18n.number(Math.abs(p.remaining_shelf_life_days), 1);
    return p.arrives_sellable ? t("shelf.left", { days }) : t("shelf.spoiled", { days });
  }

  function renderPlan() {
    const table = document.getElementById("itineraries");
    const body = table.querySelector("tbody");
    const summary = document.getElementById("compare-summary");
    body.replaceChildren();
    routeLayer.clearLayers();
    summary.textContent = "";
    if (!state.plan) return;
    const drawn = [];
    state.plan.json.itineraries.forEach((p, i) => {
      const colour = COLOURS[i % COLOURS.length];
      const legs = legsOf(state.plan.geo, (q) => q.itinerary === i);
      drawn.push(drawItinerary(legs, colour, false, `${i + 1}. ${routeText(p)}`));
      body.appendChild(tableRow(String(i + 1), p, colour, false));
    });
    if (state.compare) {
      const p = state.compare.json.without;
      const best = state.compare.json.with;
      const legs = legsOf(state.compare.geo, (q) => q.role === "without");
      drawn.push(drawItinerary(legs, WITHOUT_COLOUR, true, `${t("table.without")}: ${routeText(p)}`));
      body.appendChild(tableRow(t("table.withoutShort"), p, WITHOUT_COLOUR, true));
      const saved = p.total_days - best.total_days;
      summary.textContent = t(saved >= 0 ? "compare.saves" : "compare.costs", {
        days: i18n.number(Math.abs(saved), 1),
        with: best.gateway,
        without: p.gateway,
      });
    }
    table.hidden = false;
    const group = L.featureGroup(drawn);
    if (drawn.length) map.fitBounds(group.getBounds(), { padding: [30, 30] });
    document.getElementById("map").dataset.routes = String(drawn.length);
  }

  function tableRow(rank, p, colour, without) {
    const tr = document.createElement("tr");
    if (without) tr.className = "without";
    const cells = [
      rank,
      routeText(p),
      i18n.number(p.total_days, 1),
      i18n.number(p.cost_usd, 0),
      i18n.number(p.co2e_kg, 0),
      shelfText(p),
    ];
    cells.forEach((text, i) => {
      const td = document.createElement(i === 0 ? "th" : "td");
      if (i === 0) {
        td.scope = "row";
        const sw = document.createElement("span");
        sw.className = "swatch";
        sw.style.background = colour;
        sw.setAttribute("aria-hidden", "true");
        td.appendChild(sw);
      }
      td.appendChild(document.createTextNode(text));
      if (i === 5 && !p.arrives_sellable) td.classList.add("bad");
      tr.appendChild(td);
    });
    return tr;
  }

  async function onPlan(event) {
    event.preventDefault();
    const form = event.target;
    const params = new URLSearchParams({
      from: form.origin.value.trim(),
      to: form.destination.value.trim(),
      commodity: form.commodity.value,
      teu: form.teu.value,
      controlled_atmosphere: String(document.getElementById("ca").checked),
    });
    const both = (path) =>
      Promise.all([api(`${path}?${params}`), api(`${path}?${params}&format=geojson`)]).then(
        ([json, geo]) => ({ json, geo })
      );
    const btn = document.getElementById("plan-btn");
    btn.disabled = true;
    setStatus("plan-status", t("plan.working"));
    try {
      const wanted = [both("/plan")];
      if (document.getElementById("compare").checked) wanted.push(both("/compare"));
      const [plan, compare] = await Promise.all(wanted);
      state.plan = plan;
      state.compare = compare || null;
      renderPlan();
      setStatus("plan-status", t("plan.done", { n: plan.json.itineraries.length }));
    } catch (err) {
      state.plan = null;
      state.compare = null;
      renderPlan();
      document.getElementById("itineraries").hidden = true;
      setStatus("plan-status", errorText(err), true);
    } finally {
      btn.disabled = false;
    }
  }

  // -- catchment -------------------------------------------------------------------

  function renderCatchment() {
    const list = document.getElementById("catchment-list");
    list.replaceChildren();
    catchmentLayer.clearLayers();
    if (!state.catchment) return;
    state.catchment.features.forEach((f) => {
      const p = f.properties;
      const text = t("catchment.row", {
        case: p.case,
        with: p.gateway_with,
        without: p.gateway_without,
        days: i18n.number(p.days_saved, 1),
      });
      const li = document.createElement("li");
      li.textContent = text;
      list.appendChild(li);
      if (!f.geometry) return;
      const [lon, lat] = f.geometry.coordinates;
      L.circleMarker([lat, lon], {
        renderer: routeRenderer,
        radius: 8,
        color: "#fff",
        weight: 2,
        fillColor: p.gateway_with === "PECHY" ? "#c0392b" : "#0b5d8f",
        fillOpacity: 0.9,
        className: "catchment-point",
      })
        .bindTooltip(text)
        .addTo(catchmentLayer);
    });
  }

  async function onCatchment(event) {
    if (!event.target.checked) {
      map.removeLayer(catchmentLayer);
      return;
    }
    catchmentLayer.addTo(map);
    if (state.catchment) return;
    setStatus("catchment-status", t("catchment.working"));
    try {
      state.catchment = await api("/catchment?format=geojson");
      renderCatchment();
      setStatus("catchment-status", t("catchment.legend"));
    } catch (err) {
      setStatus("catchment-status", errorText(err), true);
    }
  }

  // -- search ----------------------------------------------------------------------

  async function onSearch(event) {
    event.preventDefault();
    const q = document.getElementById("search").value.trim();
    const out = document.getElementById("search-results");
    out.replaceChildren();
    searchLayer.clearLayers();
    if (!q) return;
    try {
      const qs = new URLSearchParams({ q, limit: "6" });
      const [ports, places] = await Promise.all([api(`/ports?${qs}`), api(`/places?${qs}`)]);
      const hits = [
        ...places.map((p) => ({ label: `${p.label} — ${t("search.place")}`, lat: p.lat, lon: p.lon, use: p.label, field: "origin" })),
        ...ports.map((p) => ({ label: `${p.locode} ${p.name} (${p.country}) — ${t("search.port")}`, lat: p.lat, lon: p.lon, use: p.locode, field: "destination" })),
      ];
      if (!hits.length) {
        const li = document.createElement("li");
        li.textContent = t("search.none");
        out.appendChild(li);
      }
      hits.forEach((h) => {
        const li = document.createElement("li");
        const show = document.createElement("button");
        show.type = "button";
        show.textContent = h.label;
        show.addEventListener("click", () => {
          map.setView([h.lat, h.lon], 5);
          L.circleMarker([h.lat, h.lon], { renderer: routeRenderer, radius: 7, color: "#d35400" })
            .bindTooltip(h.label)
            .addTo(searchLayer);
        });
        const use = document.createElement("button");
        use.type = "button";
        use.textContent = t(h.field === "origin" ? "search.useOrigin" : "search.useDestination");
        use.addEventListener("click", () => {
          document.getElementById(h.field).value = h.use;
          document.getElementById(h.field).focus();
        });
        li.append(show, " ", use);
        out.appendChild(li);
      });
    } catch (err) {
      const li = document.createElement("li");
      li.textContent = errorText(err);
      out.appendChild(li);
    }
  }

  // -- start -----------------------------------------------------------------------

  // shared with jobs.js (simulation and impact sections)
  window.corredor = { api, errorText, setStatus, state };

  function rerender() {
    renderCommodities();
    renderPlan();
    renderCatchment();
    window.corredorJobs.rerender();
  }

  async function start() {
    const lang = i18n.pick();
    const select = document.getElementById("lang");
    select.value = lang;
    await i18n.setLocale(lang);
    select.addEventListener("change", () => i18n.setLocale(select.value));
    document.addEventListener("corredor:locale", rerender);
    initMap();
    fillOptions();
    window.corredorJobs.init();
    document.getElementById("plan-form").addEventListener("submit", onPlan);
    document.getElementById("catchment").addEventListener("change", onCatchment);
    document.getElementById("search-form").addEventListener("submit", onSearch);
    document.body.dataset.ready = "true";
  }

  document.addEventListener("DOMContentLoaded", () => {
    start().catch((err) => setStatus("plan-status", String(err), true));
  });
})();
