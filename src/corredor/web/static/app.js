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
    api("/scenarios").then((items) => {
      const sel = document.getElementById("scenario");
      sel.replaceChildren(
        ...items.map((s) => {
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

  // -- simulation ------------------------------------------------------------------

  function svg(tag, attrs, text) {
    const el = document.createElementNS("http://www.w3.org/2000/svg", tag);
    Object.entries(attrs).forEach(([k, v]) => el.setAttribute(k, String(v)));
    if (text !== undefined) el.textContent = text;
    return el;
  }

  function renderCurve() {
    const fig = document.getElementById("sim-figure");
    const holder = document.getElementById("sim-chart");
    holder.replaceChildren();
    if (!state.curve) {
      fig.hidden = true;
      return;
    }
    const c = state.curve.columns;
    const xs = c.teu_per_year;
    const mean = c.mean_wait_h;
    const lo = c.mean_wait_h_ci_low.map((v, i) => (v === null ? mean[i] : v));
    const hi = c.mean_wait_h_ci_high.map((v, i) => (v === null ? mean[i] : v));
    const W = 360;
    const H = 220;
    const m = { l: 48, r: 20, t: 12, b: 40 };
    const x0 = Math.min(...xs);
    const x1 = Math.max(...xs);
    const y1 = Math.max(1, ...hi.filter((v) => v !== null));
    const X = (v) => m.l + ((v - x0) / (x1 - x0 || 1)) * (W - m.l - m.r);
    const Y = (v) => H - m.b - (v / y1) * (H - m.t - m.b);
    const root = svg("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-labelledby": "sim-caption" });
    const band = xs.map((x, i) => `${X(x)},${Y(hi[i])}`).concat(xs.map((x, i) => `${X(x)},${Y(lo[i])}`).reverse());
    root.appendChild(svg("polygon", { class: "band", points: band.join(" ") }));
    root.appendChild(svg("polyline", { class: "line", points: xs.map((x, i) => `${X(x)},${Y(mean[i] || 0)}`).join(" ") }));
    xs.forEach((x, i) => {
      root.appendChild(svg("circle", {
        cx: X(x), cy: Y(mean[i] || 0), r: 3.5,
        fill: c.saturated[i] ? "#fff" : "#0b5d8f", stroke: "#0b5d8f",
      }));
    });
    root.appendChild(svg("line", { class: "axis", x1: m.l, y1: H - m.b, x2: W - m.r, y2: H - m.b }));
    root.appendChild(svg("line", { class: "axis", x1: m.l, y1: m.t, x2: m.l, y2: H - m.b }));
    for (let k = 0; k <= 3; k += 1) {
      const xv = x0 + ((x1 - x0) * k) / 3;
      root.appendChild(svg("text", { x: X(xv), y: H - m.b + 14, "text-anchor": "middle" }, i18n.number(xv / 1e6, 2)));
      const yv = (y1 * k) / 3;
      root.appendChild(svg("text", { x: m.l - 4, y: Y(yv) + 4, "text-anchor": "end" }, i18n.number(yv, 1)));
    }
    root.appendChild(svg("text", { x: (W + m.l) / 2, y: H - 6, "text-anchor": "middle" }, t("sim.xAxis")));
    root.appendChild(svg("text", { x: 12, y: (H - m.b) / 2, transform: `rotate(-90 12 ${(H - m.b) / 2})`, "text-anchor": "middle" }, t("sim.yAxis")));
    holder.appendChild(root);
    document.getElementById("sim-caption").textContent = t("sim.caption", {
      scenario: state.curve.scenario,
      reps: i18n.number(state.curve.replications, 0),
      years: i18n.number(state.curve.years, 1),
      finished: i18n.date(state.curve.finished),
    });
    fig.hidden = false;
  }

  async function onSimulate(event) {
    event.preventDefault();
    const from = Number(document.getElementById("teu-from").value);
    const to = Number(document.getElementById("teu-to").value);
    const reps = Number(document.getElementById("reps").value);
    if (!(from > 0 && to > from)) {
      setStatus("sim-status", t("sim.badRange"), true);
      return;
    }
    const points = [0, 1, 2, 3, 4].map((k) => Math.round(from + ((to - from) * k) / 4));
    const btn = document.getElementById("sim-btn");
    btn.disabled = true;
    setStatus("sim-status", t("job.queued"));
    try {
      const body = {
        scenario: document.getElementById("scenario").value,
        throughputs: points,
        years: 0.5,
        replications: reps,
      };
      const job = await runJob("/simulate", body, "sim-status");
      state.curve = { ...job.result, finished: job.finished };
      renderCurve();
      setStatus("sim-status", t("sim.done"));
    } catch (err) {
      setStatus("sim-status", errorText(err), true);
    } finally {
      btn.disabled = false;
    }
  }

  // -- impact ----------------------------------------------------------------------

  async function runJob(path, body, statusId) {
    let job = await api(path, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    while (job.status === "queued" || job.status === "running") {
      setStatus(statusId, t(job.status === "queued" ? "job.queued" : "job.running"));
      await new Promise((r) => setTimeout(r, 400));
      job = await api(`${path}/${job.id}`);
    }
    if (job.status === "failed") {
      throw Object.assign(new Error(job.error.message), { body: job.error });
    }
    return job;
  }

  function renderImpact() {
    const dl = document.getElementById("impact-summary");
    const fig = document.getElementById("impact-figure");
    const holder = document.getElementById("impact-chart");
    dl.replaceChildren();
    holder.replaceChildren();
    if (!state.impact) {
      dl.hidden = true;
      fig.hidden = true;
      return;
    }
    const r = state.impact;
    const figures = [
      ["impact.chancayTeu", i18n.number(r.chancay_teu, 0)],
      ["impact.divertedTeu", i18n.number(r.diverted_teu, 0)],
      ["impact.daysPerTeu", i18n.number(r.days_saved_per_teu, 1)],
      ["impact.usdSaved", i18n.number(r.usd_saved_total / 1e6, 1)],
      ["impact.co2e", i18n.number(r.co2e_change_t, 0)],
    ];
    figures.forEach(([key, value]) => {
      const dt = document.createElement("dt");
      dt.textContent = t(key);
      const dd = document.createElement("dd");
      dd.textContent = value;
      dl.append(dt, dd);
    });
    dl.hidden = false;
    const withC = r.volumes_by_gateway.scenario;
    const without = r.volumes_by_gateway.baseline;
    const ports = [...new Set([...Object.keys(withC), ...Object.keys(without)])]
      .filter((p) => (withC[p] || 0) >= 1 || (without[p] || 0) >= 1)
      .sort((a, b) => (withC[b] || 0) - (withC[a] || 0));
    const W = 360;
    const rowH = 22;
    const left = 52;
    const H = ports.length * rowH + 30;
    const max = Math.max(1, ...ports.map((p) => Math.max(withC[p] || 0, without[p] || 0)));
    const X = (v) => ((W - left - 60) * v) / max;
    const root = svg("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-labelledby": "impact-caption" });
    ports.forEach((p, i) => {
      const y = i * rowH + 4;
      root.appendChild(svg("text", { x: left - 4, y: y + 13, "text-anchor": "end" }, p));
      root.appendChild(svg("rect", { class: "bar-with", x: left, y, width: X(withC[p] || 0), height: 8, fill: "#c0392b" }));
      root.appendChild(svg("rect", { class: "bar-without", x: left, y: y + 9, width: X(without[p] || 0), height: 8, fill: "#0b5d8f" }));
      root.appendChild(svg("text", { x: left + X(Math.max(withC[p] || 0, without[p] || 0)) + 4, y: y + 13 }, i18n.number(withC[p] || 0, 0)));
    });
    root.appendChild(svg("rect", { x: left, y: H - 18, width: 10, height: 8, fill: "#c0392b" }));
    root.appendChild(svg("text", { x: left + 14, y: H - 10 }, t("impact.with")));
    root.appendChild(svg("rect", { x: left + 150, y: H - 18, width: 10, height: 8, fill: "#0b5d8f" }));
    root.appendChild(svg("text", { x: left + 164, y: H - 10 }, t("impact.without")));
    holder.appendChild(root);
    document.getElementById("impact-caption").textContent = t("impact.caption", {
      scenario: r.scenario,
      teu: i18n.number(r.total_teu, 0),
      flows: i18n.number(r.n_flows, 0),
      run: r.run_id,
      date: i18n.date(r.created_at),
    });
    fig.hidden = false;
  }

  async function onImpact(event) {
    event.preventDefault();
    const btn = document.getElementById("impact-btn");
    btn.disabled = true;
    setStatus("impact-status", t("job.queued"));
    try {
      const scenario = document.getElementById("impact-scenario").value;
      const job = await runJob("/impact", { scenario, draws: 0 }, "impact-status");
      state.impact = job.result;
      renderImpact();
      setStatus("impact-status", t("impact.done"));
    } catch (err) {
      setStatus("impact-status", errorText(err), true);
    } finally {
      btn.disabled = false;
    }
  }

  function fillImpactScenarios() {
    api("/impact/scenarios")
      .then((names) => {
        const sel = document.getElementById("impact-scenario");
        sel.replaceChildren(
          ...names.map((n) => {
            const o = document.createElement("option");
            o.value = n;
            o.textContent = n;
            return o;
          })
        );
        if (names.includes("chancay-phase1")) sel.value = "chancay-phase1";
      })
      .catch((err) => {
        document.getElementById("impact-btn").disabled = true;
        setStatus("impact-status", errorText(err), true);
      });
  }

  // -- start -----------------------------------------------------------------------

  function rerender() {
    renderCommodities();
    renderPlan();
    renderCatchment();
    renderCurve();
    renderImpact();
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
    fillImpactScenarios();
    document.getElementById("plan-form").addEventListener("submit", onPlan);
    document.getElementById("catchment").addEventListener("change", onCatchment);
    document.getElementById("search-form").addEventListener("submit", onSearch);
    document.getElementById("sim-form").addEventListener("submit", onSimulate);
    document.getElementById("impact-form").addEventListener("submit", onImpact);
    document.body.dataset.ready = "true";
  }

  document.addEventListener("DOMContentLoaded", () => {
    start().catch((err) => setStatus("plan-status", String(err), true));
  });
})();
